"""Signed syndicard card URLs, in Python 3 with the standard library only.

The scheme is specified in docs/signing.md; this file is a complete implementation of it. Copy
sign_card_url() into your CMS. Run as a script, it reads {"baseUrl", "key", "format", "query"} (or a list
of them) as JSON on standard input and prints each URL on its own line (the project's tests drive it that way).
"""

import base64
import hashlib
import hmac
import json
import sys
from urllib.parse import quote

# The signed fields, in the order the canonical query lists them (sorted by name). Other parameters are
# not signed and are ignored by the service.
FIELDS = sorted(["headline", "credit", "image", "site", "template", "lang"])


def canonical_card_query(query):
    """name=value for each known, non-empty field, sorted by name, RFC 3986 percent-encoded (UTF-8), joined by &."""
    parts = []
    for field in FIELDS:
        value = query.get(field)
        if value is None or value == "":
            continue
        # safe="" leaves exactly RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~) as they are.
        parts.append(field + "=" + quote(value, safe=""))
    return "&".join(parts)


def sign_card_query(query, key):
    """HMAC-SHA256 over the canonical query, base64url without padding."""
    digest = hmac.new(key.encode("utf-8"), canonical_card_query(query).encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def sign_card_url(query, base_url, key, fmt="png"):
    canonical = canonical_card_query(query)
    path = "og.jpg" if fmt == "jpeg" else "og.png"
    prefix = canonical + "&" if canonical else ""
    return base_url.rstrip("/") + "/" + path + "?" + prefix + "sig=" + sign_card_query(query, key)


if __name__ == "__main__":
    requests = json.load(sys.stdin)
    for request in requests if isinstance(requests, list) else [requests]:
        print(sign_card_url(request["query"], request["baseUrl"], request["key"], request.get("format", "png")))
