#!/usr/bin/python3
# test-contract.py — real responses of ok2charge-backend checked against docs/openapi.yaml
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the real backend (OKC_BACKEND_PATH) on a free port, calls every operation of
# docs/openapi.yaml with good and bad requests, and checks each answer: its status is one
# the operation documents, and its JSON body validates against the documented schema.
# The validator below covers the part of OpenAPI 3.0's schema language the document uses
# ($ref, type, nullable, enum, required, properties, additionalProperties, items, allOf,
# min/max, length, pattern, date-time), so only python3-yaml is needed. Output is TAP.

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
import urllib.error
import urllib.parse
import urllib.request

import yaml

SOURCE_DIR = os.environ.get("OKC_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


class SchemaError(Exception):
    pass


class Validator:
    def __init__(self, document):
        self.document = document

    def resolve(self, schema):
        while "$ref" in schema:
            node = self.document
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def validate(self, value, schema, path="$"):
        schema = self.resolve(schema)
        if value is None:
            if schema.get("nullable"):
                return
            if "type" in schema or "allOf" in schema or "enum" in schema:
                raise SchemaError(f"{path}: null is not allowed")
            return
        for part in schema.get("allOf", []):
            self.validate(value, part, path)
        kind = schema.get("type")
        checks = {
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
            "string": lambda v: isinstance(v, str),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
        }
        if kind is not None and not checks[kind](value):
            raise SchemaError(f"{path}: expected {kind}, found {type(value).__name__}")
        if "enum" in schema and value not in schema["enum"]:
            raise SchemaError(f"{path}: {value!r} is not one of {schema['enum']}")
        if isinstance(value, str):
            self.validate_string(value, schema, path)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                raise SchemaError(f"{path}: {value} < {schema['minimum']}")
            if "maximum" in schema and value > schema["maximum"]:
                raise SchemaError(f"{path}: {value} > {schema['maximum']}")
        if isinstance(value, list):
            self.validate_array(value, schema, path)
        if isinstance(value, dict):
            self.validate_object(value, schema, path)

    def validate_string(self, value, schema, path):
        if len(value) < schema.get("minLength", 0):
            raise SchemaError(f"{path}: shorter than {schema['minLength']}")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            raise SchemaError(f"{path}: longer than {schema['maxLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            raise SchemaError(f"{path}: {value!r} does not match {schema['pattern']}")
        if schema.get("format") == "date-time" and not RFC3339.match(value):
            raise SchemaError(f"{path}: {value!r} is not RFC 3339")
        if schema.get("format") == "email" and "@" not in value:
            raise SchemaError(f"{path}: {value!r} is not an email address")
        if schema.get("format") == "byte":
            base64.b64decode(value, validate=True)

    def validate_array(self, value, schema, path):
        if len(value) < schema.get("minItems", 0):
            raise SchemaError(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            raise SchemaError(f"{path}: more than {schema['maxItems']} items")
        for i, item in enumerate(value):
            if "items" in schema:
                self.validate(item, schema["items"], f"{path}[{i}]")

    def all_properties(self, schema):
        properties = dict(schema.get("properties", {}))
        for part in schema.get("allOf", []):
            properties.update(self.all_properties(self.resolve(part)))
        return properties

    def validate_object(self, value, schema, path):
        for name in schema.get("required", []):
            if name not in value:
                raise SchemaError(f"{path}: {name} is required")
        properties = self.all_properties(schema)
        additional = schema.get("additionalProperties", True)
        for name, member in value.items():
            if name in properties:
                self.validate(member, properties[name], f"{path}.{name}")
            elif additional is False:
                raise SchemaError(f"{path}: {name} is not documented")
            elif isinstance(additional, dict):
                self.validate(member, additional, f"{path}.{name}")


class Backend:
    def __init__(self):
        self.dir = tempfile.TemporaryDirectory(prefix="okc-contract-")
        database = os.path.join(self.dir.name, "backend.sqlite")
        self.process = subprocess.Popen(
            [os.environ["OKC_BACKEND_PATH"], "--database", database, "--listen", "127.0.0.1:0",
             "--demo", "--seed", "7", "--tickets", "120", "--heartbeat-interval", "2",
             "--simulator-control"],
            stdout=subprocess.PIPE, text=True, env=dict(os.environ, XDG_DATA_HOME=self.dir.name))
        self.url = None
        for line in self.process.stdout:
            if line.startswith("Listening on "):
                self.url = line.split()[-1]
                break
        if self.url is None:
            raise RuntimeError("ok2charge-backend did not start")

    def stop(self):
        self.process.terminate()
        status = self.process.wait(timeout=60)
        self.process.stdout.close()
        self.dir.cleanup()
        if status != 0:
            raise RuntimeError(f"ok2charge-backend exited with {status}")


class Contract:
    def __init__(self, document, backend):
        self.document = document
        self.validator = Validator(document)
        self.backend = backend
        self.covered = set()
        self.results = []

    def operation(self, method, template):
        return self.document["paths"][template][method.lower()]

    def call(self, method, template, path, token=None, body=None, content_type="application/json",
             expect=None, headers=None):
        """Calls the backend and checks the answer against the operation's documentation."""
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        request = urllib.request.Request(self.backend.url + path, data=data, method=method)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        if data is not None and content_type:
            request.add_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, answer, raw = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, answer, raw = error.code, error.headers, error.read()

        name = f"{method} {path[:70]} → {status}"
        try:
            if expect is not None and status != expect:
                raise SchemaError(f"expected {expect}: {raw[:300]!r}")
            self.check(method, template, status, answer, raw)
            self.covered.add((method, template))
            self.results.append((True, name, ""))
        except (SchemaError, KeyError, ValueError) as error:
            self.results.append((False, name, str(error)))
        return status, answer, (json.loads(raw) if raw and
                                answer.get_content_type() == "application/json" else raw)

    def open_stream(self, template, path, token):
        """Opens an event stream, checks its status, type and first event, and closes it."""
        request = urllib.request.Request(self.backend.url + path, method="GET")
        request.add_header("Authorization", f"Bearer {token}")
        name = f"GET {path} (stream)"
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                self.check("GET", template, response.status, response.headers, b"")
                if response.headers.get_content_type() != "text/event-stream":
                    raise SchemaError("not text/event-stream")
                lines = []
                while len(lines) < 2 or lines[-1] != "":
                    lines.append(response.readline().decode().rstrip("\n"))
                    if lines[-1].startswith(":") and len(lines) == 1:
                        lines.pop()
                event = dict(line.split(": ", 1) for line in lines if line)
                if "event" not in event or "data" not in event:
                    raise SchemaError(f"not an event: {lines!r}")
                json.loads(event["data"])
            self.covered.add(("GET", template))
            self.results.append((True, name, ""))
        except (SchemaError, KeyError, ValueError) as error:
            self.results.append((False, name, str(error)))

    def check(self, method, template, status, headers, raw):
        if template is None:
            # A path the API does not have: the documented error shape.
            self.validator.validate(json.loads(raw), {"$ref": "#/components/schemas/Error"})
            return
        responses = self.operation(method, template)["responses"]
        if str(status) not in responses:
            raise SchemaError(f"status {status} is not documented for {method} {template}")
        response = self.validator.resolve(responses[str(status)])
        for header, spec in response.get("headers", {}).items():
            spec = self.validator.resolve(spec)
            value = headers.get(header)
            if value is None and spec.get("required") is False:
                continue
            if value is None:
                raise SchemaError(f"header {header} is missing")
            self.validator.validate(value, spec["schema"], header)
        content = response.get("content")
        if content is None:
            if raw:
                raise SchemaError("a body where none is documented")
            return
        media_type = headers.get_content_type()
        if media_type not in content:
            raise SchemaError(f"{media_type} is not a documented content type")
        if media_type == "application/json":
            self.validator.validate(json.loads(raw), content[media_type]["schema"])


def run(contract):
    call = contract.call
    signin = "/v1/auth/sign-in"

    call("GET", "/v1/health", "/v1/health", expect=200)
    tokens = {}
    for role, email, password in [("agent", "alex.rivera@ok2charge.example", "demo-agent"),
                                  ("supervisor", "morgan.blake@ok2charge.example", "demo-supervisor"),
                                  ("chatbot", "chatbot@ok2charge.example", "demo-chatbot")]:
        _, _, body = call("POST", signin, signin, body={"email": email, "password": password},
                          expect=200)
        tokens[role] = body["token"]
    agent, supervisor, chatbot = tokens["agent"], tokens["supervisor"], tokens["chatbot"]

    call("POST", signin, signin, body={"email": "alex.rivera@ok2charge.example", "password": "x"},
         expect=401)
    call("POST", signin, signin, body={"email": "alex.rivera@ok2charge.example"}, expect=422)
    call("POST", signin, signin, body=b"{not json", expect=400)
    call("POST", signin, signin, body=b"{}", content_type="text/plain", expect=415)
    call("POST", signin, signin, body=b" " * (64 * 1024 * 1024 + 1), expect=413)

    call("GET", "/v1/me", "/v1/me", agent, expect=200)
    call("GET", "/v1/me", "/v1/me", None, expect=401)
    call("GET", "/v1/topics", "/v1/topics", chatbot, expect=200)
    call("GET", "/v1/users", "/v1/users", supervisor, expect=200)
    call("GET", "/v1/users", "/v1/users", chatbot, expect=403)

    tickets = "/v1/tickets"
    first_id = attachment_id = None
    for query in ["", "?sort=priority&limit=50", "?status=new,open&sort=updated_at",
                  "?assignee=me", "?topic=billing-dispute&priority=normal,high",
                  "?since=2020-01-01T00:00:00Z&limit=500"]:
        status, _, page = call("GET", tickets, tickets + query, agent, expect=200)
        if status == 200 and page["next_cursor"]:
            call("GET", tickets, tickets + "?sort=priority&limit=50&cursor=" + page["next_cursor"]
                 if "priority" in query else tickets + "?cursor=" + page["next_cursor"], agent,
                 expect=200)
        for ticket in page["tickets"] if status == 200 else []:
            first_id = first_id or ticket["id"]
            for attachment in ticket["attachments"]:
                attachment_id = attachment_id or attachment["id"]
    for bad in ["?limit=0", "?cursor=nope", "?sort=random", "?status=closed", "?assignee=USR-404",
                "?since=today", "?statuses=new"]:
        call("GET", tickets, tickets + bad, agent, expect=400)
    call("GET", tickets, tickets, chatbot, expect=403)
    call("GET", tickets, tickets, "okc_bogus", expect=401)

    one = "/v1/tickets/{id}"
    _, headers, _ = call("GET", one, f"/v1/tickets/{first_id}", supervisor, expect=200)
    call("GET", one, f"/v1/tickets/{first_id}", agent, expect=304,
         headers={"If-None-Match": headers.get("ETag", "")})
    call("GET", one, "/v1/tickets/TCK-999999", agent, expect=404)
    call("GET", one, f"/v1/tickets/{first_id}", chatbot, expect=403)
    call("GET", one, f"/v1/tickets/{first_id}", None, expect=401)

    blob = "/v1/attachments/{id}"
    call("GET", blob, f"/v1/attachments/{attachment_id}", agent, expect=200)
    call("GET", blob, "/v1/attachments/ATT-999999", agent, expect=404)
    call("GET", blob, f"/v1/attachments/{attachment_id}", chatbot, expect=403)
    call("GET", blob, f"/v1/attachments/{attachment_id}", None, expect=401)

    handoffs = "/v1/handoffs"
    handoff = {
        "topic": "guest-cannot-start",
        "summary": "QR scan fails with Error loading the charger",
        "requester": {"name": "Ravi Patel", "email": "ravi@example.com", "audience": "guest"},
        "fields": {"property_name": "Nowhere Lofts", "attempted_at": "2026-11-24T06:40:00Z"},
        "transcript": [{"sender": "customer", "sent_at": "2026-11-24T06:41:00Z",
                        "text": "Error loading the charger"}],
        "attachments": [{"kind": "error_screenshot", "filename": "error.png",
                         "media_type": "image/png", "data": base64.b64encode(PNG).decode()}],
    }
    _, _, created = call("POST", handoffs, handoffs, chatbot, body=handoff, expect=201)
    call("POST", handoffs, handoffs, chatbot, body=dict(handoff, topic="nope"), expect=422)
    call("POST", handoffs, handoffs, chatbot, body=b"[", expect=400)
    call("POST", handoffs, handoffs, chatbot, body=b"{}", content_type="text/plain", expect=415)
    call("POST", handoffs, handoffs, chatbot, body=b" " * (64 * 1024 * 1024 + 1), expect=413)
    call("POST", handoffs, handoffs, agent, body=handoff, expect=403)
    call("POST", handoffs, handoffs, None, body=handoff, expect=401)


    workflow(contract, agent, supervisor, chatbot, created["id"])

    chargers(contract, agent, supervisor, chatbot)
    sessions(contract, agent, supervisor, chatbot)

    call("GET", "/v1/export", "/v1/export", supervisor, expect=200)
    call("GET", "/v1/export", "/v1/export", agent, expect=403)
    call("GET", "/v1/export", "/v1/export", None, expect=401)

    presence = "/v1/tickets/{id}/presence"
    here = f"/v1/tickets/{first_id}/presence"
    call("PUT", presence, here, agent, body={"activity": "viewing"}, expect=200)
    call("PUT", presence, here, supervisor, body={"activity": "replying"}, expect=200)
    call("PUT", presence, here, agent, body={"activity": "typing"}, expect=422)
    call("PUT", presence, here, agent, body=b"{", expect=400)
    call("PUT", presence, here, agent, body=b"{}", content_type="text/plain", expect=415)
    call("PUT", presence, "/v1/tickets/TCK-999999/presence", agent,
         body={"activity": "viewing"}, expect=404)
    call("PUT", presence, here, chatbot, body={"activity": "viewing"}, expect=403)
    call("PUT", presence, here, None, body={"activity": "viewing"}, expect=401)
    call("GET", presence, here, agent, expect=200)
    call("GET", presence, "/v1/tickets/TCK-999999/presence", agent, expect=404)
    call("GET", presence, here, chatbot, expect=403)
    call("GET", presence, here, None, expect=401)
    call("DELETE", presence, here, agent, expect=204)
    call("DELETE", presence, "/v1/tickets/TCK-999999/presence", agent, expect=404)
    call("DELETE", presence, here, chatbot, expect=403)
    call("DELETE", presence, here, None, expect=401)

    events = "/v1/events"
    contract.open_stream(events, events + "?after=0", agent)
    call("GET", events, events + "?after=soon", agent, expect=400)
    call("GET", events, events, chatbot, expect=403)
    call("GET", events, events, None, expect=401)

    refunds(contract, agent, supervisor, chatbot, first_id)
    audit(contract, agent, supervisor, chatbot, first_id)
    idempotency(contract, agent, supervisor)
    access(contract, agent, chatbot)
    properties(contract, agent, chatbot, first_id)
    accounts(contract, agent, chatbot, first_id)

    call("GET", None, "/v1/no-such-thing", agent, expect=404)
    call("DELETE", None, "/v1/tickets", agent, expect=405)

    call("POST", "/v1/auth/sign-out", "/v1/auth/sign-out", agent, body=b"", expect=204)
    call("POST", "/v1/auth/sign-out", "/v1/auth/sign-out", agent, body=b"", expect=401)


def workflow(contract, agent, supervisor, chatbot, ticket_id):
    """PATCH, timeline, notes, replies and the SLA policy on a fresh ticket (version 1)."""
    call = contract.call
    _, _, me = call("GET", "/v1/me", "/v1/me", agent, expect=200)
    one, path = "/v1/tickets/{id}", f"/v1/tickets/{ticket_id}"

    def match(version):
        return {"If-Match": f'"{version}"'}

    call("PATCH", one, path, agent, body={"assignee_id": me["id"]}, expect=428)
    call("PATCH", one, path, agent, body={}, headers=match(1), expect=422)
    call("PATCH", one, path, agent, body={"status": "closed"}, headers=match(1), expect=422)
    call("PATCH", one, path, agent, body={"assignee_id": "USR-404"}, headers=match(1), expect=422)
    call("PATCH", one, path, agent, body={"owner": None}, headers=match(1), expect=422)
    call("PATCH", one, path, agent, body={"priority": "high"}, headers={"If-Match": "1"},
         expect=400)
    call("PATCH", one, path, agent, body=b"{", headers=match(1), expect=400)
    call("PATCH", one, path, agent, body=b"{}", content_type="text/plain", headers=match(1),
         expect=415)
    call("PATCH", one, "/v1/tickets/TCK-999999", agent, body={"priority": "high"},
         headers=match(1), expect=404)
    call("PATCH", one, path, chatbot, body={"priority": "high"}, headers=match(1), expect=403)
    call("PATCH", one, path, None, body={"priority": "high"}, headers=match(1), expect=401)
    _, _, claimed = call("PATCH", one, path, agent, body={"assignee_id": me["id"]},
                         headers=match(1), expect=200)
    call("PATCH", one, path, supervisor, body={"assignee_id": None}, headers=match(1), expect=412)
    _, _, pending = call("PATCH", one, path, agent, body={"status": "waiting_approval"},
                         headers=match(claimed["version"]), expect=200)
    call("PATCH", one, path, agent, body={"status": "resolved"},
         headers=match(pending["version"]), expect=409)

    notes = "/v1/tickets/{id}/notes"
    call("POST", notes, path + "/notes", agent, body={"text": "Checked the heartbeat log"},
         expect=201)
    call("POST", notes, path + "/notes", agent, body={"text": "stale"}, headers=match(1),
         expect=412)
    call("POST", notes, path + "/notes", agent, body={"text": " \n "}, expect=422)
    call("POST", notes, path + "/notes", agent, body={"text": "x" * 20001}, expect=422)
    call("POST", notes, path + "/notes", agent, body=b"[", expect=400)
    call("POST", notes, path + "/notes", agent, body=b"{}", content_type="text/plain", expect=415)
    call("POST", notes, "/v1/tickets/TCK-999999/notes", agent, body={"text": "x"}, expect=404)
    call("POST", notes, path + "/notes", chatbot, body={"text": "x"}, expect=403)
    call("POST", notes, path + "/notes", None, body={"text": "x"}, expect=401)

    _, headers, _ = call("GET", one, path, agent, expect=200)
    current = {"If-Match": headers.get("ETag", "")}
    replies = "/v1/tickets/{id}/replies"
    call("POST", replies, path + "/replies", agent, body={"text": "Thanks"}, expect=428)
    call("POST", replies, path + "/replies", agent, body={"text": "Thanks"}, headers=match(1),
         expect=412)
    call("POST", replies, path + "/replies", agent, body={"text": ""}, headers=current,
         expect=422)
    call("POST", replies, path + "/replies", agent, body={"text": "Done", "status": "resolved"},
         headers=current, expect=409)
    call("POST", replies, path + "/replies", agent, body={"text": "x"}, headers={"If-Match": "?"},
         expect=400)
    call("POST", replies, path + "/replies", agent, body=b"[", headers=current, expect=400)
    call("POST", replies, path + "/replies", agent, body=b"{}", content_type="text/plain",
         headers=current, expect=415)
    call("POST", replies, "/v1/tickets/TCK-999999/replies", agent, body={"text": "x"},
         headers=current, expect=404)
    call("POST", replies, path + "/replies", chatbot, body={"text": "x"}, headers=current,
         expect=403)
    call("POST", replies, path + "/replies", None, body={"text": "x"}, headers=current,
         expect=401)
    call("POST", replies, path + "/replies", agent,
         body={"text": "Could you send a photo of the QR label?", "status": "waiting_customer"},
         headers=current, expect=201)

    timeline = "/v1/tickets/{id}/timeline"
    call("GET", timeline, path + "/timeline", agent, expect=200)
    call("GET", timeline, "/v1/tickets/TCK-999999/timeline", agent, expect=404)
    call("GET", timeline, path + "/timeline", chatbot, expect=403)
    call("GET", timeline, path + "/timeline", None, expect=401)

    call("GET", "/v1/sla-policy", "/v1/sla-policy", agent, expect=200)
    call("GET", "/v1/sla-policy", "/v1/sla-policy", chatbot, expect=403)
    call("GET", "/v1/sla-policy", "/v1/sla-policy", None, expect=401)


def chargers(contract, agent, supervisor, chatbot):
    """GET /v1/chargers/{id} and its access verdicts, on the demo fleet (seed 7)."""
    call = contract.call
    one, access = "/v1/chargers/{id}", "/v1/chargers/{id}/access"

    _, _, charger = call("GET", one, "/v1/chargers/CH-10001", agent, expect=200)
    call("GET", one, "/v1/chargers/ch-10001", supervisor, expect=200)
    call("GET", one, "/v1/chargers/CH-99999", agent, expect=404)
    call("GET", one, "/v1/chargers/CH-10001", chatbot, expect=403)
    call("GET", one, "/v1/chargers/CH-10001", None, expect=401)

    base = f"/v1/chargers/{charger['id']}/access"
    call("GET", access, base + "?account=nobody%40example.invalid", agent, expect=200)
    # A customer the demo data knows: a verdict with its account.
    _, _, page = call("GET", "/v1/tickets", "/v1/tickets?limit=20", agent, expect=200)
    verdict = None
    for ticket in page["tickets"]:
        email = ticket["requester"]["email"]
        if email:
            _, _, verdict = call("GET", access,
                                 base + "?account=" + urllib.parse.quote(email, safe=""),
                                 agent, expect=200)
            if verdict["account"] is not None:
                break
    contract.results.append((verdict is not None and verdict["account"] is not None,
                             "a demo customer's verdict names the account", repr(verdict)))
    call("GET", access, base + "?account=%2B1%20802-555-0100", supervisor, expect=200)
    call("GET", access, base + "?account=not-an-email", agent, expect=400)
    call("GET", access, base, agent, expect=400)
    call("GET", access, "/v1/chargers/CH-99999/access?account=a%40example.com", agent,
         expect=404)
    call("GET", access, base + "?account=a%40example.com", chatbot, expect=403)
    call("GET", access, base + "?account=a%40example.com", None, expect=401)

    live_chargers(contract, agent, supervisor, chatbot)


def live_chargers(contract, agent, supervisor, chatbot):
    """The list, attention, history, remote commands and the simulator's faults."""
    call = contract.call
    listing, attention = "/v1/chargers", "/v1/chargers/attention"
    history, commands = "/v1/chargers/{id}/history", "/v1/chargers/{id}/commands"
    command, faults = "/v1/commands/{id}", "/v1/simulator/chargers/{id}/faults"

    _, _, page = call("GET", listing, listing + "?limit=3", agent, expect=200)
    call("GET", listing, listing + "?limit=3&cursor=" + (page["next_cursor"] or ""), agent,
         expect=200)
    _, _, online = call("GET", listing, listing + "?status=online", supervisor, expect=200)
    call("GET", listing, listing + "?property=PRP-0001&status=online,faulted", agent, expect=200)
    call("GET", listing, listing + "?property=none&status=offline,faulted", agent, expect=200)
    for bad in ["?limit=0", "?status=sleeping", "?cursor=zz", "?colour=red"]:
        call("GET", listing, listing + bad, agent, expect=400)
    call("GET", listing, listing, chatbot, expect=403)
    call("GET", listing, listing, None, expect=401)
    call("GET", attention, attention, agent, expect=200)
    call("GET", attention, attention + "?limit=5", agent, expect=400)
    call("GET", attention, attention, chatbot, expect=403)
    call("GET", attention, attention, None, expect=401)

    target = online["chargers"][0]["id"]
    call("GET", history, f"/v1/chargers/{target}/history?limit=5", agent, expect=200)
    call("GET", history, f"/v1/chargers/{target}/history?limit=0", agent, expect=400)
    call("GET", history, "/v1/chargers/CH-99999/history", agent, expect=404)
    call("GET", history, f"/v1/chargers/{target}/history", chatbot, expect=403)
    call("GET", history, f"/v1/chargers/{target}/history", None, expect=401)

    path = f"/v1/chargers/{target}/commands"
    _, _, sent = call("POST", commands, path, agent, body={"kind": "trigger_heartbeat"},
                      expect=202)
    call("POST", commands, path, agent, body={"kind": "remote_stop", "connector_id": 1},
         expect=409)
    call("POST", commands, path, agent, body={"kind": "remote_start", "connector_id": 1},
         expect=422)
    call("POST", commands, path, agent, body=b"{", expect=400)
    call("POST", commands, path, agent, body=b"{}", content_type="text/plain", expect=415)
    call("POST", commands, "/v1/chargers/CH-99999/commands", agent, body={"kind": "soft_reset"},
         expect=404)
    call("POST", commands, path, chatbot, body={"kind": "soft_reset"}, expect=403)
    call("POST", commands, path, None, body={"kind": "soft_reset"}, expect=401)
    call("GET", commands, path + "?limit=5", supervisor, expect=200)
    call("GET", commands, path + "?limit=500", agent, expect=400)
    call("GET", commands, "/v1/chargers/CH-99999/commands", agent, expect=404)
    call("GET", commands, path, chatbot, expect=403)
    call("GET", commands, path, None, expect=401)

    # The command's final shape: poll until the charger has answered.
    final = sent
    deadline = time.monotonic() + 30
    while sent and final["state"] in ("sent", "accepted") and time.monotonic() < deadline:
        time.sleep(0.2)
        _, _, final = call("GET", command, f"/v1/commands/{sent['id']}", agent, expect=200)
    contract.results.append((bool(sent) and final["state"] == "completed",
                             "a heartbeat command completes", repr(final)))
    call("GET", command, "/v1/commands/CMD-999999", agent, expect=404)
    call("GET", command, "/v1/commands/nonsense", agent, expect=404)
    call("GET", command, f"/v1/commands/{sent['id'] if sent else 'CMD-1'}", chatbot, expect=403)
    call("GET", command, "/v1/commands/CMD-000001", None, expect=401)

    path = f"/v1/simulator/chargers/{target}/faults"
    call("POST", faults, path, agent, body={"cause": "ground_fault", "connector_id": 1},
         expect=200)
    call("POST", faults, path, agent, body={"cause": "meteor"}, expect=422)
    call("POST", faults, path, agent, body=b"{", expect=400)
    call("POST", faults, path, agent, body=b"{}", content_type="text/plain", expect=415)
    call("POST", faults, "/v1/simulator/chargers/CH-99999/faults", agent,
         body={"cause": "power_lost"}, expect=404)
    call("POST", faults, path, chatbot, body={"cause": "power_lost"}, expect=403)
    call("POST", faults, path, None, body={"cause": "power_lost"}, expect=401)
    call("DELETE", faults, path, supervisor, expect=200)
    call("DELETE", faults, "/v1/simulator/chargers/CH-99999/faults", agent, expect=404)
    call("DELETE", faults, path, chatbot, expect=403)
    call("DELETE", faults, path, None, expect=401)


def sessions(contract, agent, supervisor, chatbot):
    """The session log, a session's detail and analysis, and its tariff (docs/sessions.md)."""
    call = contract.call
    log, one = "/v1/sessions", "/v1/sessions/{id}"
    analysis, tariff = "/v1/sessions/{id}/analysis", "/v1/tariffs/{id}"

    _, _, page = call("GET", log, log + "?limit=20", agent, expect=200)
    items = page["items"] if isinstance(page, dict) else []
    contract.results.append((len(items) == 20, "the demo data has sessions", repr(page)[:300]))
    if not items:
        return
    first = items[0]
    for query in ["", "?sort=billed_total&offset=5&limit=3", "?sort=-account_name",
                  "?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&sort=duration",
                  f"?charger_id={first['charger_id']}&sort=-idle_seconds",
                  f"?account={first['account_id']}",
                  "?account=nobody%40example.invalid"]:
        call("GET", log, log + query, supervisor, expect=200)
    if first["property_id"]:
        call("GET", log, log + f"?property_id={first['property_id']}&sort=energy_wh", agent,
             expect=200)
    for bad in ["?sort=price", "?limit=0", "?limit=501", "?offset=-1", "?from=today",
                "?account=maya", "?page=2",
                "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"]:
        call("GET", log, log + bad, agent, expect=422)
    call("GET", log, log, chatbot, expect=200)
    call("GET", log, log, None, expect=401)

    path = f"/v1/sessions/{first['id']}"
    _, _, detail = call("GET", one, path, agent, expect=200)
    call("GET", one, path, chatbot, expect=200)
    call("GET", one, "/v1/sessions/SES-9999999", agent, expect=404)
    call("GET", one, path + "?verbose=1", agent, expect=422)
    call("GET", one, path, None, expect=401)

    call("GET", analysis, path + "/analysis", supervisor, expect=200)
    call("GET", analysis, path + "/analysis", chatbot, expect=200)
    call("GET", analysis, "/v1/sessions/SES-9999999/analysis", agent, expect=404)
    call("GET", analysis, path + "/analysis?verbose=1", agent, expect=422)
    call("GET", analysis, path + "/analysis", None, expect=401)
    # A session with neighbours, so their shape is checked too.
    for item in items:
        _, _, other = call("GET", one, f"/v1/sessions/{item['id']}", agent, expect=200)
        if isinstance(other, dict) and other.get("neighbours"):
            call("GET", analysis, f"/v1/sessions/{item['id']}/analysis", agent, expect=200)
            break

    tariff_id = first["tariff_id"]
    _, _, document = call("GET", tariff, f"/v1/tariffs/{tariff_id}", agent, expect=200)
    contract.results.append((isinstance(detail, dict) and detail.get("tariff") == document,
                             "a session's tariff is GET /v1/tariffs/{id}'s", ""))
    call("GET", tariff, "/v1/tariffs/TRF-9999", agent, expect=404)
    call("GET", tariff, f"/v1/tariffs/{tariff_id}?x=1", agent, expect=422)
    call("GET", tariff, f"/v1/tariffs/{tariff_id}", None, expect=401)
def refunds(contract, agent, supervisor, chatbot, ticket_id):
    """POST /v1/refunds, a session's refunds and the refund policy, on a demo session."""
    call = contract.call
    create, listing, policy = "/v1/refunds", "/v1/sessions/{id}/refunds", "/v1/refund-policy"

    _, _, data = call("GET", "/v1/export", "/v1/export", supervisor, expect=200)
    def total(row):
        return row["total"]["amount"] if isinstance(row["total"], dict) else row["total"]
    session = next(s for s in data["sessions"] if total(s) >= 200)
    body = {"session_id": session["id"], "amount": {"amount": 100, "currency": "USD"},
            "reason": "mischarge", "note": "contract", "ticket_id": ticket_id,
            "finding_kind": "wrong_rate"}
    call("POST", create, create, agent, body=body, expect=201)
    call("POST", create, create, supervisor,
         body=dict(body, amount={"amount": total(session), "currency": "USD"}), expect=422)
    call("POST", create, create, agent, body=dict(body, session_id="SES-9999999"), expect=404)
    call("POST", create, create, agent, body=b"{", expect=400)
    call("POST", create, create, agent, body=b"{}", content_type="text/plain", expect=415)
    call("POST", create, create, chatbot, body=body, expect=403)
    call("POST", create, create, None, body=body, expect=401)
    path = f"/v1/sessions/{session['id']}/refunds"
    call("GET", listing, path, agent, expect=200)
    call("GET", listing, "/v1/sessions/SES-9999999/refunds", agent, expect=404)
    call("GET", listing, path, None, expect=401)
    call("GET", policy, policy, chatbot, expect=200)
    call("GET", policy, policy, None, expect=401)
    refund_reviews(contract, agent, supervisor, chatbot, ticket_id, data)


def refund_reviews(contract, agent, supervisor, chatbot, ticket_id, data):
    """GET /v1/refunds and /v1/refunds/{id}, approve and reject, refunds by lines
    (docs/actions.md, "Refunds and their review")."""
    call = contract.call
    create, query, one = "/v1/refunds", "/v1/refunds", "/v1/refunds/{id}"
    approve, reject = "/v1/refunds/{id}/approve", "/v1/refunds/{id}/reject"

    _, _, policy = call("GET", "/v1/refund-policy", "/v1/refund-policy", agent, expect=200)
    over = policy["approval_threshold"]["amount"] + 1
    def usd(row):
        if isinstance(row["total"], dict):
            return row["total"]["amount"] if row["total"]["currency"] == "USD" else 0
        return row["total"] if row.get("currency") == "USD" else 0
    large = [s for s in data["sessions"] if usd(s) >= 2 * over][:3]
    bodies = [{"session_id": s["id"], "amount": {"amount": over, "currency": "USD"},
               "reason": "mischarge", "note": "contract: review", "ticket_id": ticket_id}
              for s in large]
    _, _, first = call("POST", create, create, agent, body=bodies[0], expect=201)
    _, _, second = call("POST", create, create, agent, body=bodies[1], expect=201)
    _, _, own = call("POST", create, create, supervisor, body=bodies[2], expect=201)

    call("GET", query, "/v1/refunds?status=pending_approval&limit=2", supervisor, expect=200)
    call("GET", query, f"/v1/refunds?ticket_id={ticket_id}", agent, expect=200)
    call("GET", query, "/v1/refunds?status=waiting", agent, expect=400)
    call("GET", query, "/v1/refunds?limit=0", agent, expect=400)
    call("GET", query, "/v1/refunds", chatbot, expect=403)
    call("GET", query, "/v1/refunds", None, expect=401)
    call("GET", one, f"/v1/refunds/{first['id']}", supervisor, expect=200)
    call("GET", one, "/v1/refunds/RFD-999999", agent, expect=404)
    call("GET", one, f"/v1/refunds/{first['id']}", chatbot, expect=403)
    call("GET", one, f"/v1/refunds/{first['id']}", None, expect=401)

    path = f"/v1/refunds/{first['id']}/approve"
    call("POST", approve, path, agent, body={"comment": ""}, expect=403)
    call("POST", approve, path, supervisor, body={"comment": 3}, expect=422)
    call("POST", approve, path, supervisor, body={"comment": "contract"}, expect=200,
         headers={"Idempotency-Key": str(uuid.uuid4())})
    call("POST", approve, path, supervisor, body={"comment": ""}, expect=409)
    call("POST", approve, f"/v1/refunds/{own['id']}/approve", supervisor, body={"comment": ""},
         expect=403)
    call("POST", approve, "/v1/refunds/RFD-999999/approve", supervisor, body={"comment": ""},
         expect=404)
    call("POST", approve, path, supervisor, body=b"{", expect=400)
    call("POST", approve, path, supervisor, body=b"{}", content_type="text/plain", expect=415)
    call("POST", approve, path, None, body={"comment": ""}, expect=401)

    path = f"/v1/refunds/{second['id']}/reject"
    call("POST", reject, path, supervisor, body={"comment": " "}, expect=422)
    call("POST", reject, path, agent, body={"comment": "no"}, expect=403)
    call("POST", reject, path, supervisor, body={"comment": "billed as the tariff says"},
         expect=200)
    call("POST", reject, path, supervisor, body={"comment": "again"}, expect=409)
    call("POST", reject, f"/v1/refunds/{own['id']}/reject", supervisor, body={"comment": "x"},
         expect=403)
    call("POST", reject, "/v1/refunds/RFD-999999/reject", supervisor, body={"comment": "x"},
         expect=404)
    call("POST", reject, path, supervisor, body=b"{", expect=400)
    call("POST", reject, path, supervisor, body=b"{}", content_type="text/plain", expect=415)
    call("POST", reject, path, None, body={"comment": "x"}, expect=401)

    # A refund by lines: their sum, to the cent.
    session_id = large[-1]["id"]
    _, _, detail = call("GET", "/v1/sessions/{id}", f"/v1/sessions/{session_id}", agent,
                        expect=200)
    line = detail["billed"]["lines"][0]["amount"]["amount"]
    by_lines = {"session_id": session_id, "amount": {"amount": line, "currency": "USD"},
                "lines": [0], "reason": "mischarge", "note": "contract: lines"}
    call("POST", create, create, agent, body=dict(by_lines, amount={"amount": line + 1,
                                                                    "currency": "USD"}),
         expect=422)
    call("POST", create, create, agent, body=dict(by_lines, lines=[0, 0]), expect=422)
    _, _, refund = call("POST", create, create, agent, body=by_lines, expect=201)
    contract.results.append((isinstance(refund, dict) and refund.get("lines") == [0],
                             "a refund by lines names its lines", f"{refund!r}"))


def audit(contract, agent, supervisor, chatbot, ticket_id):
    """GET /v1/audit, after refunds() recorded a refund.create on the ticket."""
    call = contract.call
    audit_path = "/v1/audit"
    _, _, page = call("GET", audit_path, f"{audit_path}?action=refund.&limit=1", supervisor,
                      expect=200)
    contract.results.append((len(page["entries"]) == 1 and
                             page["entries"][0]["action"] == "refund.create",
                             "the audit trail lists the refund recorded", str(page)[:300]))
    if page["next_cursor"] is not None:
        call("GET", audit_path, f"{audit_path}?cursor={page['next_cursor']}", supervisor,
             expect=200)
    call("GET", audit_path, f"{audit_path}?ticket_id={ticket_id}", agent, expect=200)
    call("GET", audit_path, audit_path, agent, expect=403)
    call("GET", audit_path, f"{audit_path}?ticket_id={ticket_id}", chatbot, expect=403)
    call("GET", audit_path, f"{audit_path}?limit=0", supervisor, expect=400)
    call("GET", audit_path, f"{audit_path}?from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z",
         supervisor, expect=422)
    call("GET", audit_path, audit_path, None, expect=401)


def idempotency(contract, agent, supervisor):
    """An Idempotency-Key on POST /v1/refunds: the repeat replays, the key reused for
    another request and a malformed key are refused, as documented."""
    call = contract.call
    create = "/v1/refunds"

    _, _, data = call("GET", "/v1/export", "/v1/export", supervisor, expect=200)
    def usd_total(row):
        if isinstance(row["total"], dict):
            return row["total"]["amount"] if row["total"]["currency"] == "USD" else 0
        return row["total"] if row.get("currency") == "USD" else 0
    session = next(s for s in reversed(data["sessions"]) if usd_total(s) >= 100)
    body = {"session_id": session["id"], "amount": {"amount": 1, "currency": "USD"},
            "reason": "goodwill", "note": "contract: idempotency"}
    key = {"Idempotency-Key": str(uuid.uuid4())}
    _, first_headers, first = call("POST", create, create, agent, body=body, expect=201,
                                   headers=key)
    _, headers, again = call("POST", create, create, agent, body=body, expect=201, headers=key)
    contract.results.append((first_headers.get("Idempotent-Replayed") is None and
                             headers.get("Idempotent-Replayed") == "true" and first == again,
                             "a repeated Idempotency-Key replays the first answer",
                             f"first {first!r}, again {again!r}"))
    call("POST", create, create, agent, body=dict(body, note="another"), expect=409,
         headers=key)
    call("POST", create, create, supervisor, body=body, expect=201, headers=key)
    call("POST", create, create, agent, body=body, expect=400,
         headers={"Idempotency-Key": "k" * 101})


def access(contract, agent, chatbot):
    """Charger access (docs/actions.md): the policy, a grant for dates and its replay, the
    list, a revocation, an account's bookings, and a guest's start through the simulator."""
    call = contract.call
    policy = "/v1/chargers/{id}/access-policy"
    grants = "/v1/chargers/{id}/access-grants"
    revocations = "/v1/chargers/{id}/access-revocations"
    bookings = "/v1/accounts/{id}/bookings"
    authorize = "/v1/simulator/chargers/{id}/authorize"
    listing = "/v1/chargers"
    _, _, page = call("GET", listing, listing + "?status=online&limit=200", agent, expect=200)
    charger = next(c for c in page["chargers"] if c["property"] and
                   all(n["status"] == "Available" for n in c["connectors"]))
    base = "/v1/chargers/" + charger["id"]
    start = "/v1/simulator/chargers/%s/authorize" % charger["id"]

    call("PUT", policy, base + "/access-policy", agent, body={"policy": "access_list"}, expect=200)
    call("PUT", policy, base + "/access-policy", agent, body={"policy": "restricted"}, expect=422)
    call("PUT", policy, "/v1/chargers/CH-99999/access-policy", agent, body={"policy": "public"},
         expect=404)
    call("PUT", policy, base + "/access-policy", chatbot, body={"policy": "public"}, expect=403)
    call("PUT", policy, base + "/access-policy", None, body={"policy": "public"}, expect=401)
    call("PUT", policy, base + "/access-policy", agent, body=b"{", expect=400)

    grant = {"account": "ACC-00005", "valid_from": "2026-01-01T00:00:00Z",
             "valid_to": "2030-01-01T00:00:00Z"}
    key = {"Idempotency-Key": str(uuid.uuid4())}
    _, _, first = call("POST", grants, base + "/access-grants", agent, body=grant, expect=201,
                       headers=key)
    _, headers, again = call("POST", grants, base + "/access-grants", agent, body=grant,
                             expect=201, headers=key)
    contract.results.append((headers.get("Idempotent-Replayed") == "true" and first == again,
                             "a repeated grant replays its first answer", repr(again)))
    call("POST", grants, base + "/access-grants", agent, body=dict(grant, account="ACC-00006"),
         expect=409, headers=key)
    call("POST", grants, base + "/access-grants", agent,
         body={"account": "ACC-00005", "valid_from": "2030-01-01T00:00:00Z",
               "valid_to": "2026-01-01T00:00:00Z"}, expect=422)
    call("POST", grants, base + "/access-grants", agent, body={"account": "nobody@example.invalid"},
         expect=422)
    call("POST", grants, base + "/access-grants", agent, body=b"{", expect=400)
    call("POST", grants, "/v1/chargers/CH-99999/access-grants", agent, body=grant, expect=404)
    call("POST", grants, base + "/access-grants", chatbot, body=grant, expect=403)
    call("POST", grants, base + "/access-grants", None, body=grant, expect=401)
    call("GET", grants, base + "/access-grants", agent, expect=200)
    call("GET", grants, "/v1/chargers/CH-99999/access-grants", agent, expect=404)
    call("GET", grants, base + "/access-grants", chatbot, expect=403)
    call("GET", grants, base + "/access-grants", None, expect=401)
    call("GET", "/v1/chargers/{id}/access", base + "/access?account=ACC-00005", agent, expect=400)

    call("POST", authorize, start, agent, body={"account": "ACC-00005", "connector_id": 9},
         expect=422)
    _, _, started = call("POST", authorize, start, agent, body={"account": "ACC-00005"}, expect=200)
    contract.results.append((started["accepted"] and started["session_id"] is not None,
                             "a listed account's start is accepted", repr(started)))
    call("POST", authorize, "/v1/simulator/chargers/CH-99999/authorize", agent,
         body={"account": "ACC-00005"}, expect=404)
    call("POST", authorize, start, agent, body=b"{", expect=400)
    call("POST", authorize, start, chatbot, body={"account": "ACC-00005"}, expect=403)
    call("POST", authorize, start, None, body={"account": "ACC-00005"}, expect=401)

    call("POST", revocations, base + "/access-revocations", agent, body={"account": "ACC-00005"},
         expect=200)
    call("POST", revocations, base + "/access-revocations", agent, body={"account": "ACC-00005"},
         expect=404)
    call("POST", revocations, base + "/access-revocations", agent, body={"account": "x"},
         expect=422)
    call("POST", revocations, base + "/access-revocations", agent, body=b"{", expect=400)
    call("POST", revocations, base + "/access-revocations", agent, body={"account": "ACC-00005"},
         expect=409, headers=key)
    call("POST", revocations, base + "/access-revocations", chatbot, body={"account": "ACC-00005"},
         expect=403)
    call("POST", revocations, base + "/access-revocations", None, body={"account": "ACC-00005"},
         expect=401)

    call("GET", bookings, "/v1/accounts/ACC-00005/bookings", agent, expect=200)
    call("GET", bookings, "/v1/accounts/ACC-99999/bookings", agent, expect=404)
    call("GET", bookings, "/v1/accounts/ACC-00005/bookings", chatbot, expect=403)
    call("GET", bookings, "/v1/accounts/ACC-00005/bookings", None, expect=401)


def properties(contract, agent, chatbot, ticket_id):
    """Charger lookup and assignment, properties and their PMS syncs (docs/actions.md,
    "Charger-to-property assignment and PMS sync")."""
    call = contract.call
    lookup, assignment = "/v1/chargers/lookup", "/v1/chargers/{id}/assignment"
    listing, one = "/v1/properties", "/v1/properties/{id}"
    sync, syncs = "/v1/properties/{id}/pms/sync", "/v1/properties/{id}/pms/syncs"

    _, _, page = call("GET", listing, listing + "?limit=2", agent, expect=200)
    call("GET", listing, listing + "?cursor=" + page["next_cursor"], agent, expect=200)
    _, _, found = call("GET", listing, listing + "?q=" + urllib.parse.quote(
        page["properties"][0]["city"].upper()), agent, expect=200)
    contract.results.append((page["properties"][0]["id"] in
                             [p["id"] for p in found["properties"]],
                             "a property is found by its city, without case", str(found)[:300]))
    for bad in ["?limit=0", "?limit=201", "?cursor=nope", "?city=x"]:
        call("GET", listing, listing + bad, agent, expect=400)
    call("GET", listing, listing, chatbot, expect=403)
    call("GET", listing, listing, None, expect=401)

    _, _, everything = call("GET", listing, listing + "?limit=200", agent, expect=200)
    homes = everything["properties"]
    with_units = [p for p in homes if p["n_units"] >= 1]
    home, other = with_units[0], with_units[1]
    _, _, detail = call("GET", one, "/v1/properties/" + home["id"], agent, expect=200)
    _, _, other_detail = call("GET", one, "/v1/properties/" + other["id"], agent, expect=200)
    call("GET", one, "/v1/properties/PRP-9999", agent, expect=404)
    call("GET", one, "/v1/properties/" + home["id"], chatbot, expect=403)
    call("GET", one, "/v1/properties/" + home["id"], None, expect=401)

    _, _, unassigned = call("GET", "/v1/chargers", "/v1/chargers?property=none", agent,
                            expect=200)
    charger = unassigned["chargers"][0]
    _, _, by_serial = call("GET", lookup, lookup + "?code=" + urllib.parse.quote(
        " " + charger["serial"].lower() + " "), agent, expect=200)
    _, _, by_qr = call("GET", lookup, lookup + "?code=" + urllib.parse.quote(
        "https://ok2charge.example/c/" + charger["id"] + "/"), agent, expect=200)
    contract.results.append((by_serial["id"] == charger["id"] and by_qr["id"] == charger["id"],
                             "a charger is found by its serial and by its QR text",
                             f"{by_serial.get('id')!r}, {by_qr.get('id')!r}"))
    call("GET", lookup, lookup + "?code=OK2-NONE-0000000", agent, expect=404)
    call("GET", lookup, lookup + "?code=%20", agent, expect=400)
    call("GET", lookup, lookup, agent, expect=400)
    call("GET", lookup, lookup + "?code=" + charger["id"], chatbot, expect=403)
    call("GET", lookup, lookup + "?code=" + charger["id"], None, expect=401)

    path = f"/v1/chargers/{charger['id']}/assignment"
    body = {"property_id": home["id"], "unit_id": detail["units"][0]["id"],
            "ticket_id": ticket_id}
    key = {"Idempotency-Key": str(uuid.uuid4())}
    _, _, assigned = call("PUT", assignment, path, agent, body=body, expect=200, headers=key)
    _, headers, again = call("PUT", assignment, path, agent, body=body, expect=200, headers=key)
    contract.results.append((assigned["property"]["id"] == home["id"] and
                             assigned["unit"]["id"] == detail["units"][0]["id"] and
                             headers.get("Idempotent-Replayed") == "true" and again == assigned,
                             "an assignment links the charger, and its repeat replays",
                             repr(again)[:300]))
    call("PUT", assignment, path, agent, body=dict(body, unit_id=None), expect=409, headers=key)
    call("PUT", assignment, path, agent, body={"property_id": home["id"], "unit_id": None},
         expect=200)
    call("PUT", assignment, path, agent,
         body={"property_id": home["id"], "unit_id": other_detail["units"][0]["id"]}, expect=422)
    call("PUT", assignment, path, agent, body={"property_id": "PRP-9999", "unit_id": None},
         expect=422)
    call("PUT", assignment, path, agent, body={"property_id": home["id"]}, expect=422)
    call("PUT", assignment, path, agent, body=dict(body, ticket_id="TCK-999999"), expect=422)
    call("PUT", assignment, "/v1/chargers/CH-99999/assignment", agent, body=body, expect=404)
    call("PUT", assignment, path, agent, body=b"{", expect=400)
    call("PUT", assignment, path, agent, body=b"{}", content_type="text/plain", expect=415)
    call("PUT", assignment, path, agent, body=b" " * (64 * 1024 * 1024 + 1), expect=413)
    call("PUT", assignment, path, chatbot, body=body, expect=403)
    call("PUT", assignment, path, None, body=body, expect=401)

    connected = [p for p in homes if p["pms"]["connected"]]
    never = next(p for p in homes if not p["pms"]["connected"])
    outcomes = set()
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = connected[0]
    path = f"/v1/properties/{first['id']}/pms/sync"
    _, _, ran = call("POST", sync, path, agent, body={"ticket_id": ticket_id}, expect=200,
                     headers=key)
    _, headers, again = call("POST", sync, path, agent, body={"ticket_id": ticket_id},
                             expect=200, headers=key)
    contract.results.append((headers.get("Idempotent-Replayed") == "true" and again == ran,
                             "a repeated sync replays its first answer", repr(again)[:300]))
    call("POST", sync, path, agent, body={}, expect=409, headers=key)
    for synced in connected:
        _, _, ran = call("POST", sync, f"/v1/properties/{synced['id']}/pms/sync", agent, body={},
                         expect=200)
        outcomes.add(ran["outcome"])
    contract.results.append((outcomes == {"succeeded", "failed"},
                             "the demo's syncs succeed, and one integration fails",
                             repr(outcomes)))
    call("POST", sync, f"/v1/properties/{never['id']}/pms/sync", agent, body={}, expect=409)
    call("POST", sync, path, agent, body={"ticket_id": "TCK-999999"}, expect=422)
    call("POST", sync, path, agent, body={"ticket": ticket_id}, expect=422)
    call("POST", sync, "/v1/properties/PRP-9999/pms/sync", agent, body={}, expect=404)
    call("POST", sync, path, agent, body=b"{", expect=400)
    call("POST", sync, path, agent, body=b"{}", content_type="text/plain", expect=415)
    call("POST", sync, path, agent, body=b" " * (64 * 1024 * 1024 + 1), expect=413)
    call("POST", sync, path, chatbot, body={}, expect=403)
    call("POST", sync, path, None, body={}, expect=401)

    path = f"/v1/properties/{first['id']}/pms/syncs"
    _, _, history = call("GET", syncs, path, agent, expect=200)
    contract.results.append((len(history["syncs"]) >= 2 and
                             history["syncs"][0]["requested_by"]["name"] == "Alex Rivera",
                             "a property's syncs list the latest first", str(history)[:300]))
    call("GET", syncs, "/v1/properties/PRP-9999/pms/syncs", agent, expect=404)
    call("GET", syncs, path, chatbot, expect=403)
    call("GET", syncs, path, None, expect=401)


def own_account(contract, agent, tickets):
    """A guest whose ticket came from their login email, with a card and an active
    subscription, the only account with that email: (account, ticket_id)."""
    for ticket in tickets:
        email = ticket["requester"].get("email")
        if not email:
            continue
        status, _, found = contract.call("GET", "/v1/accounts", "/v1/accounts?q=" +
                                         urllib.parse.quote(email), agent, expect=200)
        if status != 200 or len(found["accounts"]) != 1 or found["accounts"][0]["kind"] != "guest":
            continue
        path = "/v1/accounts/" + found["accounts"][0]["id"]
        _, _, account = contract.call("GET", "/v1/accounts/{id}", path, agent, expect=200)
        if (account["email"].lower() == email.lower() and account["cards"] and
                account["subscription"] and account["subscription"]["status"] == "active"):
            return account, ticket["id"]
    raise SchemaError("no guest account with a ticket from its email")


def accounts(contract, agent, chatbot, other_ticket):
    """The account routes (docs/accounts.md): lookup, the Account, its sessions and tickets,
    identity checks and their lock, the four changes behind a check, and a host's revenue
    (docs/payouts.md)."""
    call = contract.call
    lookup, one = "/v1/accounts", "/v1/accounts/{id}"
    sessions, tickets = "/v1/accounts/{id}/sessions", "/v1/accounts/{id}/tickets"
    verify, cancel = "/v1/accounts/{id}/verifications", "/v1/accounts/{id}/subscription/cancel"
    remove, email = "/v1/accounts/{id}/cards/{card_id}/remove", "/v1/accounts/{id}/email"
    deletion, revenue = "/v1/accounts/{id}/deletion", "/v1/accounts/{id}/revenue"

    _, _, page = call("GET", "/v1/tickets", "/v1/tickets?limit=500", agent, expect=200)
    try:
        account, ticket = own_account(contract, agent, page["tickets"])
    except SchemaError as error:
        contract.results.append((False, "the demo has a guest to change", str(error)))
        return
    base = "/v1/accounts/" + account["id"]

    call("GET", lookup, lookup + "?q=" + account["id"].lower(), agent, expect=200)
    call("GET", lookup, lookup + "?q=" + urllib.parse.quote(account["name"][:4]) + "&limit=5", agent,
         expect=200)
    call("GET", lookup, lookup + "?q=ab", agent, expect=422)
    call("GET", lookup, lookup, agent, expect=422)
    call("GET", lookup, lookup + "?q=chen&order=name", agent, expect=400)
    call("GET", lookup, lookup + "?q=chen", chatbot, expect=403)
    call("GET", lookup, lookup + "?q=chen", None, expect=401)

    call("GET", one, base + "?ticket=" + ticket, agent, expect=200)
    call("GET", one, "/v1/accounts/ACC-99999", agent, expect=404)
    call("GET", one, base + "?tickets=" + ticket, agent, expect=400)
    call("GET", one, base, chatbot, expect=403)
    call("GET", one, base, None, expect=401)

    call("GET", sessions, base + "/sessions?limit=5", agent, expect=200)
    call("GET", sessions, base + "/sessions?sort=price", agent, expect=422)
    call("GET", sessions, base + "/sessions?cursor=x", agent, expect=400)
    call("GET", sessions, "/v1/accounts/ACC-99999/sessions", agent, expect=404)
    call("GET", sessions, base + "/sessions", chatbot, expect=403)
    call("GET", sessions, base + "/sessions", None, expect=401)

    call("GET", tickets, base + "/tickets", agent, expect=200)
    call("GET", tickets, base + "/tickets?limit=5", agent, expect=400)
    call("GET", tickets, "/v1/accounts/ACC-99999/tickets", agent, expect=404)
    call("GET", tickets, base + "/tickets", chatbot, expect=403)
    call("GET", tickets, base + "/tickets", None, expect=401)

    # Every change needs a check first.
    now = {"ticket_id": ticket, "when": "now"}
    call("POST", cancel, base + "/subscription/cancel", agent, body=now, expect=403)

    # Failed checks on another ticket lock that ticket, not this one.
    wrong = {"ticket_id": other_ticket, "method": "session_date", "detail": "2001-01-01"}
    for _ in range(3):
        call("POST", verify, base + "/verifications", agent, body=wrong, expect=422)
    call("POST", verify, base + "/verifications", agent, body=wrong, expect=429)
    call("POST", verify, base + "/verifications", agent,
         body={"ticket_id": ticket, "method": "card_last4", "detail": "42"}, expect=422)
    call("POST", verify, "/v1/accounts/ACC-99999/verifications", agent,
         body={"ticket_id": ticket, "method": "request_email"}, expect=404)
    call("POST", verify, base + "/verifications", agent, body=b"{", expect=400)
    call("POST", verify, base + "/verifications", chatbot,
         body={"ticket_id": ticket, "method": "request_email"}, expect=403)
    call("POST", verify, base + "/verifications", None,
         body={"ticket_id": ticket, "method": "request_email"}, expect=401)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    check = {"ticket_id": ticket, "method": "request_email"}
    _, _, first = call("POST", verify, base + "/verifications", agent, body=check, expect=201,
                       headers=key)
    _, headers, again = call("POST", verify, base + "/verifications", agent, body=check,
                             expect=201, headers=key)
    contract.results.append((headers.get("Idempotent-Replayed") == "true" and first == again,
                             "a repeated identity check replays its first answer", repr(again)[:300]))
    call("POST", verify, base + "/verifications", agent, body=dict(check, method="card_last4"),
         expect=409, headers=key)

    key = {"Idempotency-Key": str(uuid.uuid4())}
    _, _, cancelled = call("POST", cancel, base + "/subscription/cancel", agent, body=now,
                           expect=200, headers=key)
    _, headers, again = call("POST", cancel, base + "/subscription/cancel", agent, body=now,
                             expect=200, headers=key)
    contract.results.append((headers.get("Idempotent-Replayed") == "true" and again == cancelled and
                             cancelled["subscription"]["status"] == "cancelled" and
                             cancelled["verification"] is not None,
                             "a cancellation ends the subscription, and its repeat replays",
                             repr(again)[:300]))
    call("POST", cancel, base + "/subscription/cancel", agent, body=now, expect=409)
    call("POST", cancel, base + "/subscription/cancel", agent, body=dict(now, when="later"),
         expect=422)
    call("POST", cancel, "/v1/accounts/ACC-99999/subscription/cancel", agent, body=now, expect=404)
    call("POST", cancel, base + "/subscription/cancel", agent, body=b"{", expect=400)
    call("POST", cancel, base + "/subscription/cancel", chatbot, body=now, expect=403)
    call("POST", cancel, base + "/subscription/cancel", None, body=now, expect=401)

    card = account["cards"][0]["id"]
    body = {"ticket_id": ticket}
    call("POST", remove, base + "/cards/CRD-999999/remove", agent, body=body, expect=404)
    call("POST", remove, f"{base}/cards/{card}/remove", agent, body={}, expect=422)
    call("POST", remove, f"{base}/cards/{card}/remove", agent, body=b"{", expect=400)
    call("POST", remove, f"{base}/cards/{card}/remove", chatbot, body=body, expect=403)
    call("POST", remove, f"{base}/cards/{card}/remove", None, body=body, expect=401)
    _, _, removed = call("POST", remove, f"{base}/cards/{card}/remove", agent, body=body, expect=200)
    contract.results.append((card not in [c["id"] for c in removed.get("cards", [{}])],
                             "a removed card is no longer on the account", repr(removed)[:300]))
    call("POST", remove, f"{base}/cards/{card}/remove", agent, body=body, expect=404,
         headers={"Idempotency-Key": str(uuid.uuid4())})

    _, _, found = call("GET", lookup, lookup + "?q=" + urllib.parse.quote(account["name"][-5:]),
                       agent, expect=200)
    others = [a for a in found["accounts"] if a["id"] != account["id"] and a["status"] == "active"]
    changed = "changed." + account["email"]
    call("POST", email, base + "/email", agent, body={"ticket_id": ticket, "email": "nope"},
         expect=422)
    call("POST", email, base + "/email", agent, body={"ticket_id": ticket}, expect=422)
    if others:
        call("POST", email, base + "/email", agent,
             body={"ticket_id": ticket, "email": others[0]["email"]}, expect=409)
    call("POST", email, base + "/email", agent,
         body={"ticket_id": other_ticket, "email": changed}, expect=403)
    call("POST", email, "/v1/accounts/ACC-99999/email", agent,
         body={"ticket_id": ticket, "email": changed}, expect=404)
    call("POST", email, base + "/email", agent, body=b"{", expect=400)
    call("POST", email, base + "/email", chatbot, body={"ticket_id": ticket, "email": changed},
         expect=403)
    call("POST", email, base + "/email", None, body={"ticket_id": ticket, "email": changed},
         expect=401)
    _, _, after = call("POST", email, base + "/email", agent,
                       body={"ticket_id": ticket, "email": changed,
                             "notification_email": None}, expect=200)
    contract.results.append((after.get("email") == changed,
                             "an email change answers the account with its new email",
                             repr(after)[:300]))

    confirm = {"ticket_id": ticket, "confirm_email": changed.upper()}
    call("POST", deletion, base + "/deletion", agent,
         body={"ticket_id": ticket, "confirm_email": account["email"]}, expect=422)
    call("POST", deletion, "/v1/accounts/ACC-99999/deletion", agent, body=confirm, expect=404)
    call("POST", deletion, base + "/deletion", agent, body=b"{", expect=400)
    call("POST", deletion, base + "/deletion", chatbot, body=confirm, expect=403)
    call("POST", deletion, base + "/deletion", None, body=confirm, expect=401)
    _, _, gone = call("POST", deletion, base + "/deletion", agent, body=confirm, expect=200)
    contract.results.append((gone.get("status") == "deleted" and gone.get("email") == "" and
                             gone.get("cards") == [] and gone.get("phone") is None,
                             "a deleted account keeps none of its personal data", repr(gone)[:300]))
    call("POST", deletion, base + "/deletion", agent, body=confirm, expect=409)
    call("POST", email, base + "/email", agent, body={"ticket_id": ticket, "email": changed},
         expect=409)
    call("GET", one, base, agent, expect=200)

    _, _, homes = call("GET", "/v1/properties", "/v1/properties?limit=1", agent, expect=200)
    home = homes["properties"][0]
    host = "/v1/accounts/" + home["host"]["id"]
    _, _, days = call("GET", revenue, host + "/revenue?from=2026-01-01&to=2026-12-31", agent,
                      expect=200)
    contract.results.append((len(days.get("days", [])) == 365 and
                             days["days"][0]["date"] == "2026-01-01",
                             "revenue has every day of the range", repr(days)[:300]))
    call("GET", revenue, f"{host}/revenue?from=2026-11-01&to=2026-11-07&property={home['id']}",
         agent, expect=200)
    call("GET", revenue, host + "/revenue?from=2026-01-01&to=2027-01-02", agent, expect=422)
    call("GET", revenue, host + "/revenue?from=2026-13-01&to=2027-01-02", agent, expect=422)
    call("GET", revenue, base + "/revenue?from=2026-01-01&to=2026-01-02", agent, expect=422)
    call("GET", revenue, host + "/revenue?from=2026-01-01&to=2026-01-02&unit=x", agent, expect=400)
    call("GET", revenue, "/v1/accounts/ACC-99999/revenue?from=2026-01-01&to=2026-01-02", agent,
         expect=404)
    call("GET", revenue, host + "/revenue?from=2026-01-01&to=2026-01-02", chatbot, expect=403)
    call("GET", revenue, host + "/revenue?from=2026-01-01&to=2026-01-02", None, expect=401)


def check_coverage(contract):
    documented = {(method.upper(), path) for path, item in contract.document["paths"].items()
                  for method in item}
    missing = documented - contract.covered
    contract.results.append((not missing, "every documented operation was exercised",
                             f"not exercised: {sorted(missing)}"))

    # docs/api.md's endpoint table names the same operations.
    with open(os.path.join(SOURCE_DIR, "docs", "api.md"), encoding="utf-8") as api:
        listed = set(re.findall(r"^\| `(GET|POST|PUT|PATCH|DELETE) (/v1/[^`]*)` \|", api.read(),
                                re.MULTILINE))
    contract.results.append((listed == documented, "docs/api.md lists the operations of openapi.yaml",
                             f"only in api.md: {sorted(listed - documented)}; "
                             f"only in openapi.yaml: {sorted(documented - listed)}"))


def main():
    with open(os.path.join(SOURCE_DIR, "docs", "openapi.yaml"), encoding="utf-8") as stream:
        document = yaml.safe_load(stream)
    backend = Backend()
    contract = Contract(document, backend)
    try:
        run(contract)
    finally:
        backend.stop()
    check_coverage(contract)

    print(f"1..{len(contract.results)}")
    failed = 0
    for number, (ok, name, detail) in enumerate(contract.results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} {name}")
        if not ok:
            failed += 1
            print(f"# {detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
