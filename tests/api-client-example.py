#!/usr/bin/env python3
"""A client made from convene's OpenAPI document alone: an example for integrators.

    python3 tests/api-client-example.py BASE_URL TOKEN

BASE_URL is the site (e.g. http://127.0.0.1:8080), TOKEN a personal API token of an organiser
(My profile -> API tokens). The client knows no address of the API: it reads
/api/openapi.json, finds each operation by its `operationId`, fills in the path parameters and
checks every answer against the schema the document gives for its status. With it, the script
creates a draft event, adds a room and a track, follows the links of what it created (the
document's `links`: create → read/change), reads them back, and shows how the server refuses a
body of the wrong shape (422, naming the field).

Needs only Python 3's standard library; answers are checked with `jsonschema_rs` if it is
installed (tests/fuzz-api.sh runs this script in the venv it makes for Schemathesis, which has
it). Exit status 0 if every step went as the document says.
"""
import json
import secrets
import sys
import urllib.error
import urllib.request

try:
    import jsonschema_rs
except ImportError:  # the example still runs; answers are then not checked
    jsonschema_rs = None


class Client:
    """Calls operations of an OpenAPI 3.0 document by `operationId`."""

    def __init__(self, base_url, token, language="en"):
        self.base = base_url.rstrip("/")
        self.headers = {"Authorization": "Bearer " + token, "Accept-Language": language}
        self.doc = self._get_json(self.base + "/api/openapi.json")
        self.server = self.doc["servers"][0]["url"].rstrip("/")
        self.ops = {
            op["operationId"]: (method.upper(), path, op)
            for path, methods in self.doc["paths"].items()
            for method, op in methods.items()
        }

    def _get_json(self, url):
        with urllib.request.urlopen(url) as r:
            return json.load(r)

    def call(self, operation_id, body=None, **params):
        """(status, JSON answer) of the operation; path parameters as keyword arguments."""
        method, template, op = self.ops[operation_id]
        path = template
        for name, value in params.items():
            path = path.replace("{%s}" % name, urllib.request.quote(str(value), safe=""))
        data = None if body is None else json.dumps(body).encode()
        headers = dict(self.headers)
        if data is not None:
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.server + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req) as r:
                status, raw, ctype = r.status, r.read(), r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            status, raw, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
        answer = json.loads(raw) if raw else None
        self._check(operation_id, op, status, ctype, answer)
        self.last = (operation_id, status, params, answer)
        return status, answer

    def follow(self, link, body=None):
        """Calls the operation that `link` of the last answer names, its path parameters taken
        from that answer or its request as the link says."""
        operation_id, status, params, answer = self.last
        links = self.ops[operation_id][2]["responses"][str(status)].get("links", {})
        target = links[link]
        values = {}
        for name, expression in target["parameters"].items():
            if expression.startswith("$response.body#/"):
                value = answer
                for key in expression[len("$response.body#/"):].split("/"):
                    value = value[key]
            elif expression.startswith("$request.path."):
                value = params[expression[len("$request.path."):]]
            else:
                raise AssertionError("%s: an expression this client does not read: %s" % (link, expression))
            values[name] = value
        return self.call(target["operationId"], body, **values)

    def _check(self, operation_id, op, status, ctype, answer):
        """The answer's status is documented for the operation and its body fits the schema."""
        response = op["responses"].get(str(status))
        if response is None:
            raise AssertionError("%s answered %s, which it does not document" % (operation_id, status))
        for media, content in response.get("content", {}).items():
            if media.split(";")[0] == ctype.split(";")[0] and jsonschema_rs and answer is not None:
                schema = {"allOf": [content["schema"]], "components": self.doc["components"]}
                errors = [e.message for e in jsonschema_rs.Draft4Validator(schema).iter_errors(answer)]
                if errors:
                    raise AssertionError("%s: the answer breaks the document: %s" % (operation_id, errors[:3]))


def expect(what, got, wanted):
    if got != wanted:
        raise AssertionError("%s: %r, expected %r" % (what, got, wanted))
    print("  ok  %s" % what)


def main():
    base, token = sys.argv[1], sys.argv[2]
    api = Client(base, token)
    slug = "client-example-" + secrets.token_hex(3)

    status, me = api.call("get_me")
    expect("signed in as a person", (status, bool(me["name"])), (200, True))

    event = {
        "slug": slug,
        "title_de": "Beispiel aus dem API-Client",
        "title_en": "Example from the API client",
        "starts_on": "2027-05-10",
        "ends_on": "2027-05-11",
        "timezone": "Europe/Berlin",
    }
    status, created = api.call("create_event", event)
    expect("a draft event is created", (status, created["slug"], created["status"]), (201, slug, "draft"))
    status, read = api.follow("GetEvent")
    expect("its link leads to it", (status, read["slug"]), (200, slug))

    status, room = api.call("create_room", {"name": "Saal Ruhr", "capacity": 100}, slug=slug)
    expect("a room is added", (status, isinstance(room["id"], int)), (201, True))
    status, _ = api.follow("UpdateRoom", {"name": "Saal Ruhr", "capacity": 120})
    expect("its link changes it", status, 200)
    status, track = api.call("create_track", {"name_de": "Wasserstoff", "name_en": "Hydrogen"}, slug=slug)
    expect("a track is added", (status, isinstance(track["id"], int)), (201, True))

    status, rooms = api.call("list_rooms", slug=slug)
    expect("the room is listed, changed", [(r["id"], r["name"], r["capacity"]) for r in rooms], [(room["id"], "Saal Ruhr", 120)])
    status, tracks = api.call("list_tracks", slug=slug)
    expect("the track is listed", [(t["id"], t["name_en"]) for t in tracks], [(track["id"], "Hydrogen")])
    status, read = api.call("get_event", slug=slug)
    expect("the event reads back", (status, read["title_en"]), (200, "Example from the API client"))

    # What the document does not allow, the server refuses at the field.
    status, problem = api.call("create_track", {"name_de": 7}, slug=slug)
    expect("a number for a text is refused at its field", (status, list(problem["fields"])), (422, ["name_de"]))
    status, problem = api.call("create_event", dict(event, title_en="Twice"))
    expect("a web address in use is a conflict", (status, problem["code"]), (409, "valid-slug-taken"))

    print("api-client-example: %d operations in the document; every answer fits it" % len(api.ops))


if __name__ == "__main__":
    main()
