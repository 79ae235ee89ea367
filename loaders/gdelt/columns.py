"""The 61 tab-separated columns of the GDELT 2.0 events export, in the order of the GDELT
Event Codebook V2.0 (no header row in the files), and the positions the loader reads."""

from __future__ import annotations

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

COLUMNS: tuple[str, ...] = (
    *("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"),
    *(f"Actor1{name}" for name in _ACTOR),
    *(f"Actor2{name}" for name in _ACTOR),
    *("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass"),
    *("GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"),
    *(f"Actor1Geo_{name}" for name in _GEO),
    *(f"Actor2Geo_{name}" for name in _GEO),
    *(f"ActionGeo_{name}" for name in _GEO),
    *("DATEADDED", "SOURCEURL"),
)
WIDTH = len(COLUMNS)
assert WIDTH == 61, WIDTH
_AT = {name: index for index, name in enumerate(COLUMNS)}

EVENT_ID = _AT["GLOBALEVENTID"]
SQLDATE = _AT["SQLDATE"]
ACTOR1_CODE = _AT["Actor1Code"]
ACTOR1_COUNTRY = _AT["Actor1CountryCode"]
ACTOR1_GROUP = _AT["Actor1KnownGroupCode"]
ACTOR2_CODE = _AT["Actor2Code"]
ACTOR2_COUNTRY = _AT["Actor2CountryCode"]
ACTOR2_GROUP = _AT["Actor2KnownGroupCode"]
IS_ROOT = _AT["IsRootEvent"]
EVENT_CODE = _AT["EventCode"]
QUAD_CLASS = _AT["QuadClass"]
GOLDSTEIN = _AT["GoldsteinScale"]
NUM_MENTIONS = _AT["NumMentions"]
NUM_SOURCES = _AT["NumSources"]
NUM_ARTICLES = _AT["NumArticles"]
AVG_TONE = _AT["AvgTone"]
DATE_ADDED = _AT["DATEADDED"]
SOURCE_URL = _AT["SOURCEURL"]
