"""Django settings. Everything a deployment changes comes from the environment.

DATABASE_URL   postgres://user@host:5432/name (default: SQLite file var/hromada.sqlite3)
SECRET_KEY     required unless DEBUG is on; the app refuses to start without it
DEBUG          "1" for development (`make` sets it); off by default, and then the production
               defaults hold: HTTPS only, secure cookies, HSTS (see "HTTPS" below and docs/security.md)
ALLOWED_HOSTS  comma-separated
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hromada.core.env import env, env_bool, env_int, env_list
from hromada.core.secret_key import development_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("HROMADA_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # No constant fallback: with a known key anyone could sign a resident's confirmation link.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production set SECRET_KEY to a long random value, the same on "
            "every node (python -c 'import secrets; print(secrets.token_urlsafe(64))'); for "
            "development run with DEBUG=1 (make run and make test do), which keeps a random key "
            "of this installation in var/."
        )
    SECRET_KEY = development_secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    # The admin site's login is the staff sign-in (hromada/workspace/admin_site.py).
    "hromada.workspace.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    # django_tasks_db, django_otp's plugins: their own apps, with names in the admin's language.
    "hromada.core.vendor_apps.TasksDbConfig",
    "ninja",
    "django_htmx",
    "django_otp",
    "hromada.core.vendor_apps.OtpTotpConfig",
    "hromada.core.vendor_apps.OtpStaticConfig",
    "hromada.core",
    "hromada.accounts",
    "hromada.reference",
    "hromada.notifications",
    "hromada.residents",
    "hromada.appeals",
    "hromada.questions",
    "hromada.petitions",
    "hromada.receptions",
    "hromada.kindergarten",
    "hromada.reports",
    "hromada.workspace",
    "hromada.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hromada.accounts.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hromada.core.security.SecurityHeadersMiddleware",
    # Error pages in the site's layout under DEBUG too, and for a bare 405 (core/error_pages.py).
    "hromada.core.error_pages.ErrorPagesMiddleware",
    "hromada.core.middleware.RateLimitedMiddleware",
]
# The site's own 404 and 405 pages under DEBUG as well (`make run`), instead of Django's technical
# ones; a server error keeps the traceback page under DEBUG. HROMADA_DEBUG_ERROR_PAGES=0 turns it off.
HROMADA_DEBUG_ERROR_PAGES = env_bool("HROMADA_DEBUG_ERROR_PAGES", default=DEBUG)
# A refused CSRF token: the site's page ("the form has expired"), not Django's.
CSRF_FAILURE_VIEW = "hromada.core.error_pages.csrf_failure"

ROOT_URLCONF = "hromada.urls"
WSGI_APPLICATION = "hromada.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hromada" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hromada.workspace.context.workspace",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hromada.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["hromada.accounts.backends.AccountBackend"]

LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", _("Ukrainian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "hromada" / "locale"]
TIME_ZONE = "Europe/Kyiv"
# Dates as 21.11.2026 in both languages (hromada/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["hromada.formats"]
USE_I18N = True
USE_TZ = True

LOGIN_URL = "workspace:sign-in"
LOGIN_REDIRECT_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "workspace:sign-in"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Sign-in, second factor and sessions (hromada/accounts: signin.py, second_factor.py, middleware.py).
# One lock-out for every door: this many failures for one account, or from one address, within the
# window lock further attempts for the rest of it; a known device or a second-factor code passes the
# account lock (not the address one).
HROMADA_SIGN_IN_MAX_FAILURES = int(env("HROMADA_SIGN_IN_MAX_FAILURES", "5"))
HROMADA_SIGN_IN_MAX_FAILURES_PER_ADDRESS = int(env("HROMADA_SIGN_IN_MAX_FAILURES_PER_ADDRESS", "20"))
HROMADA_SIGN_IN_WINDOW_MINUTES = int(env("HROMADA_SIGN_IN_WINDOW_MINUTES", "15"))
# How long a browser stays a "known device" of an account it signed in from.
HROMADA_KNOWN_DEVICE_DAYS = int(env("HROMADA_KNOWN_DEVICE_DAYS", "180"))
# Staff passwords: 12+ characters, not common, not like the user's names, not only digits (residents'
# own list is in residents/services.py). Demo passwords are seeded directly and are demo-only.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "hromada.accounts.passwords.RoleAwareMinimumLengthValidator",
        "OPTIONS": {"min_length": 8, "staff_min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "hromada.accounts.passwords.PredictablePasswordValidator"},
]
# Roles that must sign in with a second factor (TOTP + recovery codes): by default every role that
# can open and export lists of personal data, and the administrator. Comma-separated to override.
HROMADA_SECOND_FACTOR_ROLES = env_list(
    "HROMADA_SECOND_FACTOR_ROLES", ["head", "administrator", "registrar", "controller", "executor"]
)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Hromada")
# Session limits: staff idle and absolute, residents idle; the cookie itself lives no longer than
# the longest of them.
HROMADA_STAFF_SESSION_IDLE_MINUTES = int(env("HROMADA_STAFF_SESSION_IDLE_MINUTES", "30"))
HROMADA_STAFF_SESSION_MAX_HOURS = int(env("HROMADA_STAFF_SESSION_MAX_HOURS", "12"))
HROMADA_RESIDENT_SESSION_IDLE_MINUTES = int(env("HROMADA_RESIDENT_SESSION_IDLE_MINUTES", "120"))
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(HROMADA_STAFF_SESSION_MAX_HOURS * 3600)))

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "hromada" / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Attachments of appeals (вкладення): limits checked by content, not by file name.
HROMADA_ATTACHMENT_MAX_BYTES = int(env("HROMADA_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
HROMADA_ATTACHMENT_MAX_COUNT = int(env("HROMADA_ATTACHMENT_MAX_COUNT", "10"))
# A DOCX or ODT is a zip: bounded before anything is unpacked (hromada.core.uploads).
HROMADA_UPLOAD_MAX_UNPACKED_BYTES = int(env("HROMADA_UPLOAD_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024)))
HROMADA_UPLOAD_MAX_ENTRIES = int(env("HROMADA_UPLOAD_MAX_ENTRIES", "1000"))
HROMADA_UPLOAD_MAX_RATIO = int(env("HROMADA_UPLOAD_MAX_RATIO", "100"))
# The web import (run by the task worker): lines per batch, and so per progress update of the job page.
HROMADA_IMPORT_BATCH_SIZE = int(env("HROMADA_IMPORT_BATCH_SIZE", "1000"))

# Where `hromada backup` writes its archives by default and where the administrator's dashboard looks
# for the latest one (docs/deployment.md, "Backup and restore").
HROMADA_BACKUP_DIR = Path(env("HROMADA_BACKUP_DIR", str(VAR_DIR / "backups")))
# The administrator's dashboard warns when the latest backup is older than this (a nightly cron).
HROMADA_BACKUP_MAX_AGE_HOURS = int(env("HROMADA_BACKUP_MAX_AGE_HOURS", "26"))

# Lists of appeals count matches exactly up to this many; beyond it they say "at least" (count_exact).
HROMADA_LIST_COUNT_LIMIT = int(env("HROMADA_LIST_COUNT_LIMIT", "1000"))

# Черга в ЗДО (hromada/kindergarten/README.md): preferred institutions per application, the day and
# month (MM-DD) on which the age group is counted, the days a parent has to answer an offer, the age
# at which a child leaves the queue, and how many places a position must improve before a letter goes.
HROMADA_KINDERGARTEN_MAX_PREFERENCES = int(env("HROMADA_KINDERGARTEN_MAX_PREFERENCES", "3"))
HROMADA_KINDERGARTEN_REFERENCE_DAY = env("HROMADA_KINDERGARTEN_REFERENCE_DAY", "09-01")
HROMADA_KINDERGARTEN_OFFER_DAYS = int(env("HROMADA_KINDERGARTEN_OFFER_DAYS", "10"))
HROMADA_KINDERGARTEN_SCHOOL_AGE = int(env("HROMADA_KINDERGARTEN_SCHOOL_AGE", "6"))
HROMADA_KINDERGARTEN_NOTIFY_STEP = int(env("HROMADA_KINDERGARTEN_NOTIFY_STEP", "5"))

# Where the shared classifier lives in a source checkout; the project ships its own copy.
HROMADA_CLASSIFIER_PATH = BASE_DIR / "hromada" / "reference" / "fixtures" / "classifier.json"

# E-mail (hromada.notifications): sent only by the task worker, never inside a request. In development
# (DEBUG on, as `make run`) messages are printed by the worker instead of reaching an SMTP server, unless
# EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# Where the file backend (`make run` chooses it) keeps each message as a .log file: var/mail/.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Міська рада <noreply@localhost>")
# A failed e-mail is tried again after 1, 2, 4… × HROMADA_NOTIFY_RETRY_SECONDS, this many times in all.
HROMADA_NOTIFY_MAX_ATTEMPTS = int(env("HROMADA_NOTIFY_MAX_ATTEMPTS", "6"))
HROMADA_NOTIFY_RETRY_SECONDS = int(env("HROMADA_NOTIFY_RETRY_SECONDS", "60"))
# Daily jobs (reminders, digests) missed while no worker ran are caught up for at most this many days.
HROMADA_NOTIFY_CATCH_UP_DAYS = int(env("HROMADA_NOTIFY_CATCH_UP_DAYS", "14"))
# Daily jobs run from this hour (local time) on; HROMADA_DAILY_TICK=0 leaves them to a cron `hromada tick`.
HROMADA_NOTIFY_DAILY_HOUR = int(env("HROMADA_NOTIFY_DAILY_HOUR", "7"))
HROMADA_DAILY_TICK = env_bool("HROMADA_DAILY_TICK", default=True)

# Public portal (hromada/portal/README.md): rate limits, kept in the database, per IP and per e-mail.
HROMADA_PORTAL_FILING_LIMIT = int(env("HROMADA_PORTAL_FILING_LIMIT", "5"))
HROMADA_PORTAL_FILING_WINDOW_SECONDS = int(env("HROMADA_PORTAL_FILING_WINDOW_SECONDS", "3600"))
HROMADA_PORTAL_TRACKING_LIMIT = int(env("HROMADA_PORTAL_TRACKING_LIMIT", "30"))
HROMADA_PORTAL_TRACKING_WINDOW_SECONDS = int(env("HROMADA_PORTAL_TRACKING_WINDOW_SECONDS", "600"))
# The limits above and below count per browser on an address; the address as a whole (a shared
# terminal of a ЦНАП or a library) may make this many times as many attempts (core/ratelimit.py).
HROMADA_PORTAL_SHARED_ADDRESS_FACTOR = int(env("HROMADA_PORTAL_SHARED_ADDRESS_FACTOR", "5"))
# Bookings of a personal reception or a centre visit (portal and API together), per browser, address
# and e-mail; by default twice the filing limit: a family books several visits.
HROMADA_PORTAL_BOOKING_LIMIT = int(env("HROMADA_PORTAL_BOOKING_LIMIT", str(2 * HROMADA_PORTAL_FILING_LIMIT)))
HROMADA_PORTAL_BOOKING_WINDOW_SECONDS = int(
    env("HROMADA_PORTAL_BOOKING_WINDOW_SECONDS", str(HROMADA_PORTAL_FILING_WINDOW_SECONDS))
)
# Tickets the centre's kiosk page issues per browser in the window (a script cannot flood the queue).
HROMADA_CENTRE_KIOSK_LIMIT = int(env("HROMADA_CENTRE_KIOSK_LIMIT", "60"))
HROMADA_CENTRE_KIOSK_WINDOW_SECONDS = int(env("HROMADA_CENTRE_KIOSK_WINDOW_SECONDS", "600"))
# The portal's public address, for links in letters (confirmation, password reset, answers).
HROMADA_PUBLIC_URL = env("HROMADA_PUBLIC_URL", "http://127.0.0.1:8000")
# Outside identity providers of the resident's cabinet (id.gov.ua over OpenID Connect): dotted paths
# of classes implementing hromada.residents.identity.IdentityProvider; see docs/identity.md.
HROMADA_IDENTITY_PROVIDERS: list[str] = [p for p in env("HROMADA_IDENTITY_PROVIDERS", "").split(",") if p]
# The request header (META key) a trusted reverse proxy puts the client's address in, e.g.
# HTTP_X_REAL_IP; empty: REMOTE_ADDR. Rate limits count per this address.
HROMADA_CLIENT_IP_HEADER = env("HROMADA_CLIENT_IP_HEADER", "")
# Petition signatures per IP and per e-mail domain in the window (generous: offices share an address
# and the big mail providers carry most residents; moderators see the rest in the fraud tools).
HROMADA_PORTAL_SIGNING_LIMIT = int(env("HROMADA_PORTAL_SIGNING_LIMIT", "200"))
HROMADA_PORTAL_SIGNING_DOMAIN_LIMIT = int(env("HROMADA_PORTAL_SIGNING_DOMAIN_LIMIT", "20000"))
HROMADA_PORTAL_SIGNING_WINDOW_SECONDS = int(env("HROMADA_PORTAL_SIGNING_WINDOW_SECONDS", "3600"))
# Seconds a public page (a petition's) is reused for anonymous readers, per process; 0: never.
HROMADA_PUBLIC_PAGE_CACHE_SECONDS = int(env("HROMADA_PUBLIC_PAGE_CACHE_SECONDS", "1"))
# Public questions: questions asked per IP and per e-mail in the window.
HROMADA_PORTAL_ASKING_LIMIT = int(env("HROMADA_PORTAL_ASKING_LIMIT", "5"))
HROMADA_PORTAL_ASKING_WINDOW_SECONDS = int(env("HROMADA_PORTAL_ASKING_WINDOW_SECONDS", "3600"))
# Resident accounts: sign-ups, confirmation and password-reset letters per IP and per e-mail.
HROMADA_PORTAL_ACCOUNT_LIMIT = int(env("HROMADA_PORTAL_ACCOUNT_LIMIT", "10"))
HROMADA_PORTAL_ACCOUNT_WINDOW_SECONDS = int(env("HROMADA_PORTAL_ACCOUNT_WINDOW_SECONDS", "3600"))
# HTTPS. With DEBUG off the site is taken to be served over HTTPS only (behind a TLS proxy): HTTP is
# redirected, cookies are Secure, browsers are told to keep to HTTPS (HSTS) for a year. Each default
# has an environment switch; HROMADA_HTTPS=0 turns them all off (a plain-HTTP test bench).
HROMADA_HTTPS = env_bool("HROMADA_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HROMADA_HTTPS)
# The load balancer's health check may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=HROMADA_HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=HROMADA_HTTPS)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HROMADA_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HROMADA_HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HROMADA_HTTPS)
# Behind a proxy that terminates TLS, Django must learn the request was HTTPS: either gunicorn's
# --forwarded-allow-ips (it then sets the scheme from X-Forwarded-Proto) or this header, which only a
# proxy that overwrites it may be trusted with ("HTTP_X_FORWARDED_PROTO").
_proxy_ssl_header = env("HROMADA_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not from the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Security headers (core/security.py): one strict CSP for every page; HROMADA_CSP replaces it.
HROMADA_CSP = env("HROMADA_CSP", "")
