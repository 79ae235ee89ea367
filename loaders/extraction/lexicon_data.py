"""Word lists the name lexicon adds to the reference data: institutions that stand for a
government, longer names that contain a state name, dependent territories, given-name
variants and leaders' short forms that are ordinary words."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (compact word lists)."""
    return frozenset(text.split())


# Institutions that stand for their state's government. Not place names: the reference
# data has no field for them, so they live here.
METONYMS = {
    "White House": "USA", "Kremlin": "RUS", "Élysée": "FRA", "Elysee Palace": "FRA",
    "Downing Street": "GBR", "Zhongnanhai": "CHN", "Blue House": "KOR", "Pentagon": "USA",
    "State Department": "USA",
}  # fmt: skip
# Nationality nouns the reference data lacks (it has adjectives: "Finnish"); plural
# adjectives ("Germans") are generated.
NATIONALITY_NOUNS = {
    "Finn": "FIN", "Finns": "FIN", "Swede": "SWE", "Swedes": "SWE", "Dane": "DNK",
    "Danes": "DNK", "Poles": "POL", "Spaniard": "ESP", "Spaniards": "ESP", "Briton": "GBR",
    "Britons": "GBR", "Turk": "TUR", "Turks": "TUR", "Icelanders": "ISL",
    "New Zealanders": "NZL", "Frenchman": "FRA", "Frenchmen": "FRA", "Dutchman": "NLD",
}  # fmt: skip
# Names that contain a state name but are not that state.
BLOCKED = (
    "New Mexico", "New Jersey", "New England", "New Guinea", "Northern Ireland",
    "Latin America", "South America", "North America", "Central America", "the Americas",
    "Latin American", "South American", "North American", "Central American",
    "Native American", "Native Americans", "Indian Ocean", "Indian Army", "West Indies",
    "West Indian", "American Samoa", "Virgin Islands", "British Columbia", "New South Wales",
    "Indo-Pacific", "Asia-Pacific", "East Asia", "South Asia", "West Bank",
    "Washington Post", "Washington Times", "Jordan Times", "China Daily", "Japan Times",
    "Korea Herald", "Korea Times", "Moscow Times", "Tehran Times", "Kyiv Independent",
    "Chinese Taipei", "Congo River", "Niger River", "Georgia Tech", "Korean Central News Agency",
    "Korean Peninsula", "Dominican Republic", "Arab League", "Turks and Caicos",
)  # fmt: skip
# ISO 3166-1 entries that are dependent territories, not sovereign states: not matched.
DEPENDENT_TERRITORIES = words(
    "ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM FLK FRO GGY GIB GLP GRL GUF "
    "GUM HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN SJM "
    "SPM SXM TCA TKL UMI VGB VIR WLF"
)
# Sub-organs reported under their parent in the organizations list.
ORG_PARENT = {"UNSC": "UN"}
# Well-known given-name variants, so "Joseph Biden" and "Joe Biden" meet.
NAME_VARIANTS = {
    "joe": "joseph", "bill": "william", "bob": "robert", "jim": "james", "jimmy": "james",
    "tony": "anthony", "mike": "michael", "dick": "richard", "ron": "ronald", "liz": "elizabeth",
    "ted": "edward", "tom": "thomas", "dan": "daniel", "nick": "nicholas", "ben": "benjamin",
    "vlad": "vladimir", "boris": "boris", "mo": "mohammed",
}  # fmt: skip
NAME_SUFFIXES = ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")
# States where the press puts the family name first: "Xi", "Kim", "Moon".
FAMILY_FIRST = frozenset({"CHN", "PRK", "KOR", "TWN", "HKG", "MNG", "SGP"})
# Short forms that are ordinary words or common given names: only after a title.
WEAK_SHORT = words(
    "May Major Brown Bush Ford Rice Young Power Hope Law King Long Wood Rich Heath Eden Peel "
    "Blair Abbott Ross Lee Park Kim Kang Chang Moon Lam Singh Khan Shah Ali Hassan Hussein "
    "Salman Abdullah Mohammed Muhammad Ahmed Ahmad Jean Paul John George Charles James Joseph "
    "Li Wang Zhang Liu Chen Yang Zhao Hu Zhou Wu Xu Sun Ma Zhu Deng Jiang Ho Pham Tran Le "
    "Nguyen Vo Do Truong Dang Phan Hoang Vu Sato Suzuki Tanaka Ito Ikeda Kan Mori Aso Noda Abe "
    "Uno Hata Miki Kishi Ohira Obuchi Fukuda Nakasone Koizumi Suga"
)
# Capitalised words that start sentences or clauses: never part of a name.
FUNCTION = words(
    "The A An In On At And But Of For To With By From As After Before While When During Over "
    "Under Since Both That This These Those Its His Her Their Our It He She They We I "
    "According Amid Despite However Meanwhile Then Neither Nor Either Or If Though Although "
    "Because Unlike Like Until Upon Within Without Between Among Against Toward Towards Into "
    "Onto Across"
)
