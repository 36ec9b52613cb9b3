#!/usr/bin/env python3
"""Loads an event with N sessions over 2 days in 4 rooms into a running convene, through its
JSON API, and publishes it. Used by docs/bench.sh; talks only to the given local base URL.

usage: bench_agenda.py BASE_URL EMAIL PASSWORD SLUG N
"""
import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request

base, email, password, slug, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={"content-type": "application/json"})
    with opener.open(req) as resp:
        text = resp.read().decode()
        return json.loads(text) if text else None


# Sign in through the form (CSRF token from the page), then use the session cookie.
page = opener.open(base + "/signin").read().decode()
token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
form = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token, "next": "/me"}).encode()
opener.open(urllib.request.Request(base + "/signin", data=form, method="POST"))

call("POST", "/api/v1/events", {"slug": slug, "title_de": f"Benchmark {n}", "title_en": f"Benchmark {n}",
                                 "starts_on": "2027-11-08", "ends_on": "2027-11-09", "venue": "Düsseldorf"})
rooms = [call("POST", f"/api/v1/events/{slug}/rooms", {"name": f"Saal {i + 1}"})["id"] for i in range(4)]
per_room_day = -(-n // 8)  # ceil(n / (4 rooms × 2 days))
# Sessions from 06:00, evenly spaced until 23:00, never overlapping in a room.
step = max(3, (17 * 60) // per_room_day)
length = max(2, step - 1)
made = 0
for day in ("2027-11-08", "2027-11-09"):
    for room in rooms:
        for k in range(per_room_day):
            if made == n:
                break
            start = 6 * 60 + k * step
            end = start + length
            call("POST", f"/api/v1/events/{slug}/sessions", {
                "kind": "talk", "title_de": f"Vortrag {made + 1}: Wasserstoff, Kreislaufwirtschaft und KI",
                "description_de": "Eine Session des Lasttests. " * 4, "day": day,
                "start": f"{start // 60:02d}:{start % 60:02d}", "end": f"{end // 60:02d}:{end % 60:02d}",
                "room_id": room,
                "people": [{"role": "speaker", "name": f"Person {made + 1}", "organisation": "Fraunhofer UMSICHT"}],
            })
            made += 1
call("POST", f"/api/v1/events/{slug}/agenda/publish")
call("POST", f"/api/v1/events/{slug}/status", {"status": "published"})
first = call("GET", f"/api/v1/events/{slug}/sessions")[0]["id"]
print(first)
