"""The parser's word tables: what people call things, in one place. No I/O.

Everything the rules know about English and about common API domains lives here, so a new
phrasing is usually a new table entry, not new code.
"""

from __future__ import annotations

from pipeline.spec import FieldType, Operation

# Technology names: never entities ("Use FastAPI, PostgreSQL and JWT").
STACK_WORDS = frozenset(
    "fastapi flask django python postgresql postgres psql sqlite sqlite3 mysql mariadb mongodb mongo "
    "redis celery docker dockerized dockerfile compose kubernetes k8s jwt jwts oauth oauth2 rest "
    "restful graphql sqlalchemy alembic pydantic uvicorn gunicorn pytest s3 aws gcp azure json http "
    "https crud openapi swagger ruff black github ci nginx orm sql bcrypt linted tested".split()
)

# Words naming the thing being built: "a blog API", "a todo app".
APP_WORDS = frozenset(
    "api apis backend service microservice app application system platform server tool website "
    "site portal software webapp crm erp cms lms".split()
)

# App words that name nothing but software: never an entity, even with fields after them
# ("Backend: FastAPI, PostgreSQL"), where "Service | date, tower" is a church service and
# "Application: site address, parcel number" a permit application.
SOFTWARE_WORDS = frozenset(
    "api apis backend microservice app webapp software crm erp cms lms".split()
)

# Last words that make a phrase name the app being built ("poll api", "aquarium tracker",
# "leave management").
APP_HEADS = frozenset(
    "api apis backend app webapp microservice tracker platform system software portal website "
    "site management".split()
)

# Words that describe a feature, not a stored thing ("user authentication", "admin dashboard").
FEATURE_WORDS = frozenset(
    "authentication auth authorization login logins signup registration dashboard panel rbac role "
    "roles permission permissions pagination paginated filtering filter filters search searching "
    "sorting upload uploads uploading caching cache logging tests testing documentation docs "
    "swagger security rate limiting validation deployment monitoring notifications emails sms "
    "notification push "
    "password passwords token tokens endpoint endpoints crud access".split()
)

# Nouns for a set of rows: "a catalogue of courses", "a log of repairs" name the rows listed.
COLLECTION_NOUNS = frozenset(
    "catalogue catalog list register registry log record inventory database collection "
    "directory".split()
)

# Words for a set of values a thing has: "reservation status (booked, ...)", "a type (a, b)".
VALUE_SET_WORDS = frozenset("status state stage type kind category priority level size".split())

# Words that never name an entity, even with fields after them ("stuff: a, b" is no Stuff).
NEVER_ENTITY_NOUNS = frozenset(
    "it them they this that these those something everything anything nothing stuff thing things "
    "data information info detail details way ways time fun money feature features operation "
    "operations action actions support ability option options type types kind kinds field fields "
    "resource resources entity entities model models object objects content name names "
    "user-friendly people help me you us we i".split()
)

# Nouns that are no entity where a sentence only mentions them ("users can upload images",
# "each post has a photo"), but are one where fields follow them ("- Documents: title, body",
# "images (url, caption)"): they are usually a field or an upload, and a resource when
# described as one.
NON_ENTITY_NOUNS = NEVER_ENTITY_NOUNS | frozenset(
    "profile profiles image images photo photos picture pictures file files document documents "
    "attachment attachments avatar avatars person persons".split()
)

# Leading words dropped from a noun phrase ("each of their own posts" -> "posts").
DETERMINERS = frozenset(
    "a an the each every all some any many multiple several their its his her our my your own new "
    "existing different various individual single one more other others basic simple related "
    "associated certain given specific few lots lot of zero or".split()
)

# Words that make a phrase a clause, not a noun phrase.
CLAUSE_WORDS = frozenset(
    "can could should would will shall must may might is are was were be been being am do does did "
    "to for with on in of by from at as if then than that which who whom whose where when how what "
    "why and or but not no so please help want need like let lets allow allows also them it they "
    "us me myself yourself ourselves themselves sign signs signed logged login register registers "
    "has have had having".split()
)

# Adjectives that say nothing about what an API is for ("a simple REST API").
FILLER_ADJECTIVES = frozenset(
    "simple small basic fast quick new nice good great cool awesome robust secure scalable modern "
    "production ready production-ready full complete clean tiny sample demo test example minimal "
    "little personal web backend python restful rest crud json my our the a an some".split()
)

# Words a field phrase may end with that only repeat that it is a field.
FIELD_NOISE = frozenset({"field", "column", "attribute", "property"})

# Explicit type words: "price: decimal", "age (int)", "notes as long text".
TYPE_WORDS: dict[str, FieldType] = {
    "string": FieldType.STRING,
    "str": FieldType.STRING,
    "varchar": FieldType.STRING,
    "char": FieldType.STRING,
    "short text": FieldType.STRING,
    "text": FieldType.TEXT,
    "long text": FieldType.TEXT,
    "longtext": FieldType.TEXT,
    "markdown": FieldType.TEXT,
    "int": FieldType.INTEGER,
    "integer": FieldType.INTEGER,
    "number": FieldType.INTEGER,
    "whole number": FieldType.INTEGER,
    "float": FieldType.FLOAT,
    "double": FieldType.FLOAT,
    "real": FieldType.FLOAT,
    "decimal": FieldType.DECIMAL,
    "money": FieldType.DECIMAL,
    "currency": FieldType.DECIMAL,
    "numeric": FieldType.DECIMAL,
    "bool": FieldType.BOOLEAN,
    "boolean": FieldType.BOOLEAN,
    "flag": FieldType.BOOLEAN,
    "yes/no": FieldType.BOOLEAN,
    "true/false": FieldType.BOOLEAN,
    "date": FieldType.DATE,
    "datetime": FieldType.DATETIME,
    "date time": FieldType.DATETIME,
    "timestamp": FieldType.DATETIME,
    "time": FieldType.DATETIME,
    "email": FieldType.EMAIL,
    "phone": FieldType.PHONE,
    "url": FieldType.URL,
    "uri": FieldType.URL,
    "link": FieldType.URL,
    "uuid": FieldType.UUID,
    "guid": FieldType.UUID,
    "file": FieldType.FILE,
    "upload": FieldType.FILE,
    "file upload": FieldType.FILE,
    "image": FieldType.FILE,
    "image upload": FieldType.FILE,
    "enum": FieldType.ENUM,
}

# Type words that may trail a field name and be dropped from it ("active boolean" -> active).
TRAILING_TYPE_WORDS = frozenset(
    "string str varchar integer int boolean bool float double decimal enum datetime timestamp".split()
)

# Name-based inference, tried in order, first on a name's last word, then on any word.
BOOL_WORDS = frozenset(
    "active enabled disabled done completed complete archived verified published available "
    "featured visible hidden paid confirmed approved public private deleted read resolved pinned "
    "locked blocked banned urgent finished checked cancelled canceled refundable vegetarian vegan "
    "draft returned attended accepted subscribed starred favorite favourite online remote "
    "recurring billable taxable".split()
)
BOOL_FIRST_WORDS = frozenset("is has can should allow allows needs was does in contains".split())
MONEY_WORDS = frozenset(
    "price prices amount total cost costs salary fee fees balance budget subtotal tax revenue wage "
    "wages fare deposit income payout refund tip rent premium".split()
)
INT_WORDS = frozenset(
    "year years quantity qty count age stock pages duration minutes mins seconds secs hours days "
    "weeks months capacity seats position rank ranking calories servings reps repetitions sets "
    "votes views likes floor occupancy attempts version score stars bedrooms bathrooms beds baths "
    "feet sqft floors stories guests nights level copies par throws strokes points goals assists "
    "laps wins losses draws kills runs wickets innings fouls penalties visitors participants "
    "attendees tables pieces".split()
)
FLOAT_WORDS = frozenset(
    "rating weight height latitude longitude lat lng lon percentage percent ratio temperature "
    "distance length width depth bmi speed pace altitude elevation area volume gpa rate humidity "
    "pressure precipitation rainfall liters litres liter litre kilos kilograms grams km miles kg "
    "ml hectares acres tonnes tons ph voltage volts watts wattage kwh amps metres meters".split()
)
TEXT_WORDS = frozenset(
    "bio biography body description content notes note instructions summary message details text "
    "abstract comment comments feedback answer reason resolution symptoms diagnosis prescription "
    "directions ingredients steps excerpt caption remarks review letter".split()
)
URL_WORDS = frozenset("url website link homepage uri href".split())
# Things a person uploads: "a cover image", "a photo", "the CV", "receipt scan" (a file field).
FILE_WORDS = frozenset(
    "image images photo photos picture pictures avatar logo thumbnail cover poster attachment "
    "file cv resume scan artwork".split()
)
# Nouns whose "number" counts a place in a row ("seat number", "episode number": an integer),
# where other numbers name a document ("passport number", "tracking number": a string).
POSITION_NOUNS = frozenset(
    "seat track episode shirt jersey table bed desk floor level round chapter page lane "
    "stall locker house apartment flat plot gate platform slot season court pitch box cabin "
    "row door hole stage step lap berth pew bay dock stand booth".split()
)
DATE_WORDS = frozenset("date birthday dob deadline birthdate anniversary expiry".split())
DATETIME_WORDS = frozenset({"timestamp", "datetime"})
# "start time" is a moment; "prep time" is a duration (minutes). A "<noun> time" is a moment
# unless its noun names an activity that lasts ("reading time", "wait time").
DURATION_TIME_PREFIXES = frozenset(
    "prep preparation cook cooking bake baking reading wait waiting response resolution travel "
    "transit turnaround run running play playing screen lead idle processing recovery rest "
    "break total spent estimated average cycle charging charge drive driving flight walking "
    "watch listening study studying".split()
)
# Names that are unique without being told ("isbn", "sku").
UNIQUE_NAMES = frozenset("isbn sku slug username barcode ean upc".split())

TYPE_RULES: tuple[tuple[FieldType, frozenset[str]], ...] = (
    (FieldType.DATETIME, DATETIME_WORDS),
    (FieldType.DATE, DATE_WORDS),
    (FieldType.BOOLEAN, BOOL_WORDS),
    (FieldType.DECIMAL, MONEY_WORDS),
    (FieldType.EMAIL, frozenset({"email"})),
    (FieldType.PHONE, frozenset({"phone", "mobile", "telephone", "tel", "cellphone"})),
    (FieldType.FILE, FILE_WORDS),
    (FieldType.URL, URL_WORDS),
    (FieldType.UUID, frozenset({"uuid", "guid"})),
    (FieldType.INTEGER, INT_WORDS),
    (FieldType.FLOAT, FLOAT_WORDS),
    (FieldType.TEXT, TEXT_WORDS),
)

# "duration in minutes": unit -> (type, suffix added to the name).
UNITS: dict[str, tuple[FieldType, str]] = {
    **{u: (FieldType.INTEGER, "minutes") for u in ("minutes", "minute", "mins", "min")},
    **{u: (FieldType.INTEGER, "seconds") for u in ("seconds", "second", "secs", "sec")},
    **{u: (FieldType.INTEGER, "hours") for u in ("hours", "hour", "hrs")},
    **{u: (FieldType.INTEGER, "days") for u in ("days", "day")},
    **{u: (FieldType.INTEGER, "weeks") for u in ("weeks", "week")},
    **{u: (FieldType.INTEGER, "months") for u in ("months", "month")},
    **{u: (FieldType.INTEGER, "years") for u in ("years",)},
    **{u: (FieldType.INTEGER, "cents") for u in ("cents",)},
    **{u: (FieldType.DECIMAL, "") for u in ("dollars", "euros", "usd", "eur", "gbp", "pounds")},
    **{u: (FieldType.FLOAT, "kg") for u in ("kg", "kilograms", "kilos")},
    **{u: (FieldType.FLOAT, "grams") for u in ("grams", "g")},
    **{u: (FieldType.FLOAT, "lbs") for u in ("lbs", "lb")},
    **{u: (FieldType.FLOAT, "km") for u in ("km", "kilometers", "kilometres")},
    **{u: (FieldType.FLOAT, "miles") for u in ("miles",)},
    **{u: (FieldType.FLOAT, "") for u in ("meters", "metres", "m")},
    **{u: (FieldType.FLOAT, "cm") for u in ("cm", "centimeters", "centimetres")},
    **{u: (FieldType.FLOAT, "percent") for u in ("percent", "%")},
}
# Measures written after "in" that stay out of the field's name ("volume in liters" -> volume,
# "size in m2" -> size, "pressure in hPa"): the field holds a number.
MEASURE_UNITS = frozenset(
    "liters litres liter litre l ml cl dl mm m2 m3 sqm sqft ft feet foot inch inches yards "
    "hpa mbar bar psi pa kpa bpm rpm hz khz mhz ghz kwh wh kw w watts volts v amps mph kmh kph "
    "knots celsius fahrenheit degrees oz ounces gallons tons tonnes mg mcg kcal cal calories "
    "mbps gb mb kb tb carats carat ct hectares hectare ha acres acre db decibels dba ppm ppb lux "
    "gsm cubic".split()
)
# Formats written after "in" that make a field long text ("content in markdown").
TEXT_FORMATS = frozenset("markdown md html rich text plain".split())

# Entity names a generated project cannot use as they are: Python keywords and the modules and
# classes every generated project already has (app/repositories/base.py, FastAPI's Path, the
# auth Role enum, tests/test_migrations.py, SQLAlchemy's Table and Column).
RESERVED_ENTITY_KEYS = frozenset(
    {"base", "common", "path", "query", "role", "migration", "health", "auth", "main", "config"}
    # the column types a generated model module imports, whose lower-case names the generated
    # tests would shadow; "Table" and "Column" keep their names (the model class is TableModel)
    | {"date", "enum", "text", "string", "integer", "float", "decimal"}
    | {"boolean", "uuid", "datetime", "numeric"}
)

# Field names a generated model cannot use, and what to call them instead.
FIELD_RENAMES = {
    "class": "class_name",
    "from": "from_value",
    "schema": "schema_name",
    "json": "json_value",
    "dict": "dict_value",
    "copy": "copy_value",
    "validate": "validate_value",
    "metadata": "meta",
    "registry": "registry_name",
    "query": "query_text",
    "global": "global_value",
    "import": "import_value",
    "return": "return_value",
    "self": "self_value",
    "cls": "cls_value",
}
# Fields every entity already has; listing them is not an error.
IMPLICIT_FIELDS = frozenset({"id", "created_at", "updated_at", "created", "updated"})
# Fields the User entity never stores as plain columns when auth is on.
AUTH_FIELDS = frozenset(
    {"password", "password_hash", "hashed_password", "passwd", "role", "roles", "token"}
)

# Role privilege: lower ranks first in `roles`; unknown roles sit in the middle.
ROLE_RANKS: dict[str, int] = {
    **{r: 0 for r in ("admin", "superuser", "superadmin", "root", "owner")},
    **{
        r: 1
        for r in (
            "manager moderator editor organizer organiser staff librarian supervisor agent "
            "instructor teacher coach host seller vendor support"
        ).split()
    },
    **{
        r: 3
        for r in (
            "author member user customer attendee viewer guest reader student patient client "
            "buyer subscriber participant employee contributor"
        ).split()
    },
}
ROLE_ALIASES = {"administrator": "admin", "admins": "admin", "administrators": "admin"}
# Role words that mean "any logged-in user", not a role.
GENERIC_ACTORS = frozenset(
    "user users anyone everyone everybody anybody people visitor visitors guest guests public "
    "someone they we you".split()
)

# Action verbs in permission rules -> operations.
_WRITE = [Operation.CREATE, Operation.UPDATE, Operation.DELETE]
ACTION_VERBS: dict[str, list[Operation]] = {
    **{
        v: [Operation.CREATE]
        for v in (
            "create add post publish submit make write book buy purchase place open schedule "
            "organize organise host issue raise file leave sell register upload enter"
        ).split()
    },
    **{
        v: [Operation.UPDATE]
        for v in "update edit modify change rename approve close resolve assign moderate".split()
    },
    **{v: [Operation.DELETE] for v in "delete remove cancel archive destroy retire".split()},
    **{
        v: [Operation.READ, Operation.LIST] for v in "view see read browse access get fetch".split()
    },
    **{v: [Operation.LIST] for v in ("list",)},
    **{v: list(_WRITE) for v in "manage administer administrate maintain control crud".split()},
}

# Verbs whose object is a list of entities ("manage products, orders and customers").
DECLARING_VERBS = (
    *(
        "manage managing manages track tracking tracks store storing stores handle handling handles "
        "organize organizing organise organising create creating creates add adding book booking "
        "schedule scheduling place placing write writing publish publishing leave leaving post "
        "posting submit submitting record recording log logging sell selling buy buying purchase "
        "purchasing rent renting borrow borrowing reserve reserving open opening raise raising send "
        "sending share sharing keep keeps keeping crud"
    ).split(),
    "keep track of",
    "keeps track of",
    "keeping track of",
)

# Declaring verbs whose object many subjects share: "members book classes" links Member and the
# class many-to-many (a member books many classes, a class is booked by many members).
SHARING_VERBS = frozenset("book booking reserve reserving rent renting borrow borrowing".split())

# Verbs after which "X with Ys" names who X is with, not what it holds: "members book sessions
# with trainers" is a session's trainer (Session.trainer), as "appointments with doctors" is.
BOOKING_VERBS = SHARING_VERBS | frozenset("schedule scheduling".split())

# Declaring verbs whose subject makes what they list: "authors write posts" is Post.author, a
# post has one author ("users leave reviews" is Review.user).
CREATING_VERBS = frozenset(
    "write writing create creating leave leaving post posting publish publishing submit "
    "submitting place placing open opening raise raising send sending".split()
)

# Verbs that name no list but link their subject to many of their object, each shared by many
# subjects: "students enroll in courses", "members attend events" (many-to-many).
JOINING_VERBS = (
    *(f"{v} in" for v in "enroll enrolls enrol enrols participate participates".split()),
    *(f"{v} to" for v in ("subscribe", "subscribes")),
    *"attend attends join joins".split(),
)


# Link nouns that are not the verb plus a suffix.
LINK_NOUNS = {
    "join": ("membership",),
    "borrow": ("loan",),
    "lend": ("loan",),
    "subscribe": ("subscription",),
    "rent": ("rental",),
    "apply": ("application",),
    "attend": ("attendance", "registration"),
    "buy": ("purchase", "order"),
    "order": ("order",),
    "hire": ("hire", "contract"),
    "reserve": ("reservation", "booking"),
    "book": ("booking", "reservation", "appointment"),
    "enroll": ("enrollment", "enrolment"),
    "enrol": ("enrolment", "enrollment"),
    "assign": ("assignment",),
    "review": ("review",),
    "rate": ("rating",),
    "vote": ("vote",),
    "follow": ("follow", "subscription"),
    "sign": ("signup", "registration"),
    "register": ("registration",),  # not "registeration"
}


def link_nouns(verb: str) -> tuple[str, ...]:
    """Nouns that name the act of `verb` as a thing: book -> booking, reservation, ..."""
    made = [verb + "ing", verb + "ment", verb.removesuffix("e") + "ation", verb + "al"]
    if verb.endswith("ct"):
        made.append(verb + "ion")  # inspect -> inspection, collect -> collection
    return tuple(dict.fromkeys((*LINK_NOUNS.get(verb, ()), *made)))
