"""What common API domains usually hold: default fields, obvious nesting, domain names. No I/O.

The parser falls back on these tables when a description leaves something out: "a blog API
with posts and comments" gets posts with a title and a body, comments that belong to posts,
and the domain content_management.
"""

from __future__ import annotations

# Default fields for common domain nouns, written the way a person would write them; parsed by
# the same field rules as everything else.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "post": ("title", "body"),
    "comment": ("body",),
    "article": ("title", "body", "published flag"),
    "page": ("title", "content"),
    "product": ("name", "description (optional)", "price", "stock (integer, default 0)"),
    "order": ("status (one of pending|paid|shipped|delivered|cancelled)", "total"),
    "line_item": ("quantity", "unit price"),
    "order_item": ("quantity", "unit price"),
    "customer": ("full name", "email (unique)"),
    "book": ("title", "isbn", "published year (optional)"),
    "author": ("name", "bio (optional)"),
    "task": ("title", "description (optional)", "due date (optional)", "done flag"),
    "todo": ("title", "done flag"),
    "project": ("name", "description (optional)"),
    "event": ("title", "starts at", "location (optional)"),
    "ticket": ("title", "description (optional)", "status (one of open|in progress|closed)"),
    "invoice": ("number (unique, string)", "amount", "due date", "paid flag"),
    "payment": ("amount", "paid at"),
    "category": ("name (unique)",),
    "tag": ("name (unique)",),
    "review": ("rating (integer)", "body (optional)"),
    "recipe": ("title", "instructions", "prep time in minutes (optional)"),
    "ingredient": ("name", "amount (string, optional)"),
    "patient": ("full name", "birth date", "phone (optional)"),
    "doctor": ("full name", "specialty"),
    "appointment": ("starts at", "notes (optional)"),
    "user": ("name", "email (unique)"),
    "employee": ("full name", "email (unique)", "hired on (date, optional)"),
    "department": ("name (unique)",),
    "supplier": ("name", "email (optional)"),
    "warehouse": ("name", "location"),
    "item": ("name", "quantity (integer, default 0)"),
    "student": ("full name", "email (unique)"),
    "teacher": ("full name", "email (unique)"),
    "course": ("title", "description (optional)"),
    "lesson": ("title", "content"),
    "enrollment": ("enrolled on (date)",),
    "note": ("title", "content"),
    "message": ("body",),
    "question": ("title", "body"),
    "answer": ("body",),
    "workout": ("name", "performed on (date)", "duration in minutes"),
    "exercise": ("name", "muscle group (optional)"),
    "goal": ("title", "target date (optional)"),
    "meal": ("name", "calories"),
    "member": ("full name", "email (unique)"),
    "movie": ("title", "release year"),
    "song": ("title", "duration in seconds"),
    "album": ("title", "release year (optional)"),
    "artist": ("name",),
    "playlist": ("name",),
    "room": ("name", "capacity"),
    "booking": ("starts at", "ends at"),
    "reservation": ("starts at", "ends at"),
    "venue": ("name", "address"),
    "company": ("name",),
    "contact": ("full name", "email (optional)", "phone (optional)"),
    "agent": ("full name", "email (unique)"),
    "loan": ("borrowed on (date)", "due date", "returned flag"),
    "expense": ("description", "amount", "spent on (date)"),
    "account": ("name", "balance"),
    "transaction": ("amount", "occurred at"),
}

# Default fields that depend on the company a noun keeps: a ticket for an event is not a
# helpdesk ticket.
DEFAULT_FIELDS_BESIDE: dict[tuple[str, str], tuple[str, ...]] = {
    ("ticket", "event"): ("price", "seat (optional)"),
    ("ticket", "movie"): ("price", "seat (optional)"),
    ("item", "order"): ("quantity", "unit price"),
    ("member", "project"): ("full name", "role (optional)"),
}

# Obvious nesting: child -> groups of parent candidates (the first present in each group wins)
# and whether the foreign key is required. "Comments" in a blog belong to "posts".
DEFAULT_PARENTS: dict[str, tuple[tuple[tuple[str, ...], bool], ...]] = {
    "comment": (
        (("post", "article", "blog_post", "task", "ticket", "recipe", "question", "event"), True),
    ),
    "review": ((("product", "book", "recipe", "movie", "doctor", "course", "restaurant"), True),),
    "order": ((("customer", "client"), True),),
    "line_item": ((("order",), True), (("product",), True)),
    "order_item": ((("order",), True), (("product",), True)),
    "appointment": ((("patient",), True), (("doctor",), True)),
    "ticket": ((("event",), True),),
    "task": ((("project",), True),),
    "invoice": ((("customer", "client"), True),),
    "payment": ((("invoice", "order"), True),),
    "book": ((("author",), True),),
    "employee": ((("department",), True),),
    "song": ((("album",), True),),
    "album": ((("artist",), True),),
    "lesson": ((("course",), True),),
    "exercise": ((("workout",), True),),
    "ingredient": ((("recipe",), True),),
    "loan": ((("book",), True), (("member",), True)),
    "booking": ((("room",), True),),
    "reservation": ((("room",), True),),
    "answer": ((("question",), True),),
    "enrollment": ((("student",), True), (("course",), True)),
    "product": ((("category",), False),),
    "post": ((("category",), False),),
    "article": ((("category",), False),),
    "item": ((("warehouse", "category"), False),),
    "transaction": ((("account",), True),),
}

# Nouns that classify other things: "X has many tags" is many-to-many.
CLASSIFIERS = frozenset("tag label genre skill keyword topic category".split())
# Things tags usually attach to, in preference order.
TAGGABLE = ("post", "article", "blog_post", "product", "recipe", "book", "task", "note", "movie")
# "X has many Y" pairs that are many-to-many rather than Y belonging to X.
MANY_TO_MANY_PAIRS = frozenset(
    {
        ("order", "product"),
        ("student", "course"),
        ("course", "student"),
        ("playlist", "song"),
        ("movie", "actor"),
        ("project", "member"),
        ("event", "speaker"),
        ("workout", "exercise"),
    }
)

# When a description names only the app ("a blog API"), the entities such an app has.
APP_FALLBACK: dict[str, tuple[str, ...]] = {
    "blog": ("post", "comment"),
    "shop": ("product", "order", "customer"),
    "store": ("product", "order", "customer"),
    "ecommerce": ("product", "order", "customer"),
    "library": ("book", "author"),
    "clinic": ("patient", "doctor", "appointment"),
    "todo": ("todo",),
    "inventory": ("item", "warehouse"),
    "helpdesk": ("ticket",),
    "fitness": ("workout", "exercise"),
    "cms": ("page",),
}

# Domains and the words that suggest them, first match wins ties.
DOMAINS: tuple[tuple[str, frozenset[str]], ...] = (
    ("content_management", frozenset("blog post article comment cms page".split())),
    ("e_commerce", frozenset("shop store ecommerce product order cart checkout customer".split())),
    ("healthcare", frozenset("clinic hospital patient doctor appointment prescription".split())),
    ("library", frozenset("library book loan librarian".split())),
    ("events", frozenset("event ticket venue attendee conference organizer".split())),
    ("food", frozenset("recipe ingredient restaurant menu meal cooking".split())),
    ("inventory", frozenset("inventory warehouse stock supplier sku".split())),
    ("productivity", frozenset("todo task project reminder".split())),
    ("customer_support", frozenset("helpdesk support agent ticket reply".split())),
    ("fitness", frozenset("fitness workout exercise gym trainer membership".split())),
    ("finance", frozenset("invoice payment expense budget transaction".split())),
    ("education", frozenset("course student teacher lesson school enrollment".split())),
    ("human_resources", frozenset("employee department payroll".split())),
    ("music", frozenset("song album artist playlist".split())),
    ("hospitality", frozenset("hotel room booking reservation".split())),
    ("media", frozenset("movie film show episode podcast actor channel video".split())),
    ("real_estate", frozenset("property listing estate realtor rent lease".split())),
    ("recruiting", frozenset("job candidate application applicant resume recruiter".split())),
)
