#!/usr/bin/env python3
"""Synthetic hybrid Exchange organizations for the hybridlint benchmark.

Every organization is modelled on examples/contoso: the CLIXML exports there
are parsed once into a typed object model (type names, ToString, enums,
ADObjectIds, MultiValuedProperties, dates), renamed for each organization
(domains, tenant, GUIDs, servers, people), grown to its size (servers'
virtual directories, mailboxes), given a few realistic breakages, and written
back in the format and encoding a real administrator's shell would produce:

  clixml       Export-Clixml (UTF-16LE with BOM from Windows PowerShell 5.1,
               UTF-8 from PowerShell 7), CRLF
  json         ConvertTo-Json: 5.1 style (4-space PowerShell indentation,
               \\/Date(ms)\\/, System.Uri expanded, enums as numbers) or 7
               style (2-space, ISO dates, URIs as strings); default -Depth 2
  format-list  Format-List text, 120 columns, wrapped values, {a, b} lists
  csv          Export-Csv (#TYPE line from 5.1; multi-valued properties as
               the type name from live EMS objects, space-joined when
               deserialized)
  yaml         hybridlint's YAML snapshot (hand-written)

Output (never inside the repository):

  OUT/mixed/org-NNNNN/   every format and encoding, sizes from 2 to 40 servers
  OUT/json/org-NNNNN/    the same organizations, every export ConvertTo-Json
                         as an array (what a Spectral ruleset needs), UTF-8
  OUT/huge/org-huge/     one organization with --huge-servers servers (EWS
                         and Autodiscover virtual directory of each)

Deterministic: the same --seed, --orgs and --huge-servers give byte-identical
files. Python 3 standard library only.

  python3 bench/generate.py OUT --corpus mixed,json,huge --orgs 200 --seed 1
"""

import argparse
import base64
import csv
import datetime
import hashlib
import io
import json
import multiprocessing
import os
import random
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATE_DIR = os.path.join(REPO, "examples", "contoso")
PS_NS = "{http://schemas.microsoft.com/powershell/2004/04}"

# ---------------------------------------------------------------------------
# The object model: what Export-Clixml holds.


class Prim:
    """A CLIXML primitive: tag (S, B, I32, I64, By, Db, G, URI, DT, TS, BA,
    Version, ...) and its text as written in the file (with _xHHHH_ escapes)."""

    __slots__ = ("tag", "text")

    def __init__(self, tag, text):
        self.tag = tag
        self.text = text


class Obj:
    """A CLIXML <Obj>: type names, ToString, an enum's value, a list (LST),
    properties (Props) and extended members (MS)."""

    __slots__ = ("tn", "tostring", "value", "lst", "props", "ms")

    def __init__(self, tn=None, tostring=None, value=None, lst=None, props=None, ms=None):
        self.tn = tn
        self.tostring = tostring
        self.value = value
        self.lst = lst
        self.props = props if props is not None else []
        self.ms = ms if ms is not None else []

    def get(self, name):
        for n, v in self.props:
            if n == name:
                return v
        return None

    def set(self, name, value):
        for i, (n, _) in enumerate(self.props):
            if n == name:
                self.props[i] = (n, value)
                return
        self.props.append((name, value))

    def is_enum(self):
        return self.value is not None and self.tn is not None and any(t.endswith("System.Enum") for t in self.tn)


NIL = Prim("Nil", None)


def S(text):
    return Prim("S", text)


def B(flag):
    return Prim("B", "true" if flag else "false")


def I32(n):
    return Prim("I32", str(n))


def G(text):
    return Prim("G", text)


def URI(text):
    return Prim("URI", text)


def DT(text):
    return Prim("DT", text)


def TS(text):
    return Prim("TS", text)


def enum_obj(type_name, name, number):
    return Obj(tn=(type_name, "System.Enum", "System.ValueType", "System.Object"), tostring=name,
               value=I32(number))


MVP_STRING = ("Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String, mscorlib, Version=4.0.0.0, "
              "Culture=neutral, PublicKeyToken=b77a5c561934e089]]",
              "Microsoft.Exchange.Data.MultiValuedPropertyBase", "System.Object")
MVP_SMTPDOMAIN = ("Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.SmtpDomain, "
                  "Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]",
                  "Microsoft.Exchange.Data.MultiValuedPropertyBase", "System.Object")


def deserialized(tn):
    return tuple("Deserialized." + t for t in tn)


def mvp(items, tn=MVP_STRING):
    return Obj(tn=tn, lst=list(items))


# ---------------------------------------------------------------------------
# CLIXML reading (the templates) and writing.


def decode_file(path):
    raw = open(path, "rb").read()
    if raw[:2] == b"\xff\xfe":
        return raw[2:].decode("utf-16-le")
    if raw[:2] == b"\xfe\xff":
        return raw[2:].decode("utf-16-be")
    return raw.decode("utf-8-sig")


def parse_clixml(text):
    root = ET.fromstring(text)
    type_names = {}
    objects = {}

    def tag(el):
        return el.tag[len(PS_NS):] if el.tag.startswith(PS_NS) else el.tag

    def read(el):
        t = tag(el)
        if t == "Nil":
            return NIL
        if t == "Ref":
            return objects[el.get("RefId")]
        if t != "Obj":
            return Prim(t, el.text or "")
        obj = Obj()
        if el.get("RefId") is not None:
            objects[el.get("RefId")] = obj
        for child in el:
            c = tag(child)
            if c == "TN":
                names = tuple(x.text or "" for x in child)
                type_names[child.get("RefId")] = names
                obj.tn = names
            elif c == "TNRef":
                obj.tn = type_names[child.get("RefId")]
            elif c == "ToString":
                obj.tostring = child.text or ""
            elif c in ("LST", "IE", "STK", "QUE"):
                obj.lst = [read(x) for x in child]
            elif c == "Props":
                obj.props = [(x.get("N"), read(x)) for x in child]
            elif c == "MS":
                obj.ms = [(x.get("N"), read(x)) for x in child]
            elif c == "DCT":
                obj.props = [(en[0].text or "", read(en[1])) for en in child]
            else:
                obj.value = read(child)
        return obj

    return [read(el) for el in root if tag(el) == "Obj"]


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_clixml(objs):
    out = ['<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">']
    tn_ids = {}
    emitted = {}
    counter = [0]

    def name_attr(name):
        return "" if name is None else ' N="%s"' % xml_escape(name)

    def emit(value, name, ind):
        pad = "  " * ind
        if isinstance(value, Prim):
            if value.tag == "Nil":
                out.append('%s<Nil%s />' % (pad, name_attr(name)))
            elif value.text == "":
                out.append('%s<%s%s />' % (pad, value.tag, name_attr(name)))
            else:
                out.append('%s<%s%s>%s</%s>' % (pad, value.tag, name_attr(name), xml_escape(value.text), value.tag))
            return
        key = id(value)
        if key in emitted:
            out.append('%s<Ref%s RefId="%d" />' % (pad, name_attr(name), emitted[key]))
            return
        ref = counter[0]
        counter[0] += 1
        emitted[key] = ref
        out.append('%s<Obj%s RefId="%d">' % (pad, name_attr(name), ref))
        inner = "  " * (ind + 1)
        if value.tn is not None:
            if value.tn in tn_ids:
                out.append('%s<TNRef RefId="%d" />' % (inner, tn_ids[value.tn]))
            else:
                tn_ids[value.tn] = len(tn_ids)
                out.append('%s<TN RefId="%d">' % (inner, tn_ids[value.tn]))
                for t in value.tn:
                    out.append('%s  <T>%s</T>' % (inner, xml_escape(t)))
                out.append('%s</TN>' % inner)
        if value.tostring is not None:
            out.append('%s<ToString>%s</ToString>' % (inner, xml_escape(value.tostring)))
        if value.value is not None:
            emit(value.value, None, ind + 1)
        if value.lst is not None:
            if value.lst:
                out.append('%s<LST>' % inner)
                for item in value.lst:
                    emit(item, None, ind + 2)
                out.append('%s</LST>' % inner)
            else:
                out.append('%s<LST />' % inner)
        if value.props:
            out.append('%s<Props>' % inner)
            for n, v in value.props:
                emit(v, n, ind + 2)
            out.append('%s</Props>' % inner)
        if value.ms:
            out.append('%s<MS>' % inner)
            for n, v in value.ms:
                emit(v, n, ind + 2)
            out.append('%s</MS>' % inner)
        out.append('%s</Obj>' % pad)

    for obj in objs:
        emit(obj, None, 1)
    out.append("</Objs>")
    return "\r\n".join(out) + "\r\n"


# ---------------------------------------------------------------------------
# Values as the other formats see them.

CLIXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text):
    if text is None or "_x" not in text:
        return text
    return CLIXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def parse_dt(text):
    t = text.strip()
    m = re.match(r"^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?$", t)
    if not m:
        return None
    base = datetime.datetime.fromisoformat(m.group(1))
    frac = m.group(2) or ""
    if frac:
        base = base.replace(microsecond=int((frac[1:] + "000000")[:6]))
    zone = m.group(3)
    if zone == "Z":
        base = base.replace(tzinfo=datetime.timezone.utc)
    elif zone:
        sign = 1 if zone[0] == "+" else -1
        base = base.replace(tzinfo=datetime.timezone(sign * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))))
    return base


def culture_date(text):
    """en-US ToString of a DateTime, as Format-List and Export-Csv print it."""
    d = parse_dt(text)
    if d is None:
        return text
    hour = d.hour % 12 or 12
    return "%d/%d/%d %d:%02d:%02d %s" % (d.month, d.day, d.year, hour, d.minute, d.second, "AM" if d.hour < 12 else "PM")


def ms_date(text):
    d = parse_dt(text)
    if d is None:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp() * 1000)


def timespan_parts(text):
    m = re.match(r"^-?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$", text or "")
    if not m:
        return None
    days, hours, minutes = (int(x) if x else 0 for x in m.groups()[:3])
    seconds = float(m.group(4)) if m.group(4) else 0.0
    return days, hours, minutes, seconds


def timespan_text(text):
    parts = timespan_parts(text)
    if parts is None:
        return text
    days, hours, minutes, seconds = parts
    body = "%02d:%02d:%02d" % (hours, minutes, int(seconds))
    return ("%d.%s" % (days, body)) if days else body


def scalar_text(value):
    """The ToString of a value: what Format-List, Export-Csv and YAML show."""
    if isinstance(value, Prim):
        if value.tag == "Nil":
            return None
        if value.tag == "B":
            return "True" if value.text == "true" else "False"
        if value.tag == "DT":
            return culture_date(value.text)
        if value.tag == "TS":
            return timespan_text(value.text)
        return unescape(value.text)
    if value.tostring is not None:
        return unescape(value.tostring)
    if value.lst is not None:
        return None
    return value.tn[0] if value.tn else None


def type_name(obj):
    return obj.tn[0] if obj.tn else "System.Object[]"


class PsDate:
    """A JSON \\/Date(ms)\\/ string (PowerShell 5.1)."""

    __slots__ = ("ms",)

    def __init__(self, ms):
        self.ms = ms


def uri_object(text):
    u = urllib.parse.urlsplit(text)
    host = u.hostname or ""
    port = u.port or (443 if u.scheme == "https" else 80)
    path = u.path or "/"
    segments = []
    pos = 0
    while pos < len(path):
        nxt = path.find("/", pos)
        if nxt < 0:
            segments.append(path[pos:])
            break
        segments.append(path[pos:nxt + 1])
        pos = nxt + 1
    return {
        "AbsolutePath": path, "AbsoluteUri": text, "LocalPath": path, "Authority": host,
        "HostNameType": 1, "IsDefaultPort": u.port is None, "IsFile": False, "IsLoopback": False,
        "PathAndQuery": path + (("?" + u.query) if u.query else ""), "Segments": segments,
        "IsUnc": False, "Host": host, "Port": port, "Query": ("?" + u.query) if u.query else "",
        "Fragment": "", "Scheme": u.scheme, "OriginalString": text, "DnsSafeHost": host,
        "IdnHost": host, "IsAbsoluteUri": True, "UserEscaped": False, "UserInfo": "",
    }


def timespan_object(text):
    parts = timespan_parts(text)
    if parts is None:
        return text
    days, hours, minutes, seconds = parts
    total = days * 86400 + hours * 3600 + minutes * 60 + seconds
    return {"Ticks": int(total * 10000000), "Days": days, "Hours": hours, "Milliseconds": 0,
            "Minutes": minutes, "Seconds": int(seconds), "TotalDays": total / 86400,
            "TotalHours": total / 3600, "TotalMilliseconds": total * 1000,
            "TotalMinutes": total / 60, "TotalSeconds": total}


def to_json_value(value, level, style, max_depth=2):
    """ConvertTo-Json of one value at `level` (top-level properties are 1)."""
    if isinstance(value, Prim):
        tag = value.tag
        if tag == "Nil":
            return None
        if tag == "B":
            return value.text == "true"
        if tag in ("I32", "I64", "By", "SB", "U16", "I16", "U32", "U64"):
            return int(value.text)
        if tag in ("Db", "Sg", "D"):
            number = float(value.text)
            return int(number) if number.is_integer() else number
        if tag == "DT":
            if style == "ps51":
                ms = ms_date(value.text)
                return PsDate(ms) if ms is not None else value.text
            d = parse_dt(value.text)
            return d.isoformat() if d else value.text
        if tag == "URI":
            if style == "ps51" and level <= max_depth:
                return uri_object(value.text)
            return value.text
        if tag == "TS":
            return timespan_object(value.text) if level <= max_depth else timespan_text(value.text)
        if tag == "BA":
            if level > max_depth:
                return "System.Byte[]"
            return list(base64.b64decode(value.text))
        return unescape(value.text)
    if value.is_enum():
        return int(value.value.text)
    if value.value is not None and not value.props and value.lst is None:
        return to_json_value(value.value, level, style, max_depth)
    if level > max_depth:
        return scalar_text(value) if value.tostring is not None else type_name(value)
    if value.lst is not None:
        return [to_json_value(item, level + 1, style, max_depth) for item in value.lst]
    if value.props:
        return {n: to_json_value(v, level + 1, style, max_depth) for n, v in value.props}
    return scalar_text(value)


def json_string(text, style):
    out = json.dumps(text, ensure_ascii=False)
    if style == "ps51":
        out = out.replace("'", "\\u0027").replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return out


def dump_json(value, style):
    """Text as ConvertTo-Json writes it (5.1's odd indentation or 7's)."""
    parts = []

    def scalar(v):
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if isinstance(v, PsDate):
            return '"\\/Date(%d)\\/"' % v.ms
        if isinstance(v, (int, float)):
            return json.dumps(v)
        return json_string(v, style)

    if style == "ps51":
        def emit(v, col):
            if isinstance(v, dict):
                if not v:
                    parts.append("{\r\n\r\n" + " " * col + "}")
                    return
                parts.append("{\r\n")
                items = list(v.items())
                for i, (k, item) in enumerate(items):
                    key = " " * (col + 4) + json_string(k, style) + ":  "
                    parts.append(key)
                    emit(item, len(key))
                    parts.append(",\r\n" if i + 1 < len(items) else "\r\n")
                parts.append(" " * col + "}")
            elif isinstance(v, list):
                if not v:
                    parts.append("[\r\n\r\n" + " " * col + "]")
                    return
                parts.append("[\r\n")
                for i, item in enumerate(v):
                    parts.append(" " * (col + 4))
                    emit(item, col + 4)
                    parts.append(",\r\n" if i + 1 < len(v) else "\r\n")
                parts.append(" " * col + "]")
            else:
                parts.append(scalar(v))
        emit(value, 0)
        return "".join(parts) + "\r\n"

    def emit7(v, ind):
        if isinstance(v, dict):
            if not v:
                parts.append("{}")
                return
            parts.append("{\r\n")
            items = list(v.items())
            for i, (k, item) in enumerate(items):
                parts.append("  " * (ind + 1) + json_string(k, style) + ": ")
                emit7(item, ind + 1)
                parts.append(",\r\n" if i + 1 < len(items) else "\r\n")
            parts.append("  " * ind + "}")
        elif isinstance(v, list):
            if not v:
                parts.append("[]")
                return
            parts.append("[\r\n")
            for i, item in enumerate(v):
                parts.append("  " * (ind + 1))
                emit7(item, ind + 1)
                parts.append(",\r\n" if i + 1 < len(v) else "\r\n")
            parts.append("  " * ind + "]")
        else:
            parts.append(scalar(v))
    emit7(value, 0)
    return "".join(parts) + "\r\n"


def top_level_properties(obj, with_ms):
    """An object's properties as a PSObject has them: names are unique (the
    first wins), extended members (PSComputerName, ...) first."""
    props = list(obj.ms) + list(obj.props) if with_ms and obj.ms else list(obj.props)
    seen = set()
    unique = []
    for name, value in props:
        if name.lower() not in seen:
            seen.add(name.lower())
            unique.append((name, value))
    return unique


def write_json(objs, style, as_array):
    values = []
    for obj in objs:
        values.append({n: to_json_value(v, 1, style) for n, v in top_level_properties(obj, True)})
    if len(values) == 1 and not as_array:
        return dump_json(values[0], style)
    return dump_json(values, style)


def fl_value(value, limit):
    if isinstance(value, Obj) and value.lst is not None and not value.is_enum():
        items = [scalar_text(x) or "" for x in value.lst]
        if limit is not None and len(items) > limit:
            return "{" + ", ".join(items[:limit]) + "...}"
        return "{" + ", ".join(items) + "}"
    if isinstance(value, Prim) and value.tag == "BA":
        data = base64.b64decode(value.text)
        items = [str(b) for b in data]
        if limit is not None and len(items) > limit:
            return "{" + ", ".join(items[:limit]) + "...}"
        return "{" + ", ".join(items) + "}"
    text = scalar_text(value)
    return "" if text is None else text


def write_format_list(objs, limit, width=120):
    out = [""]
    for obj in objs:
        props = top_level_properties(obj, True)
        name_width = max(len(n) for n, _ in props)
        room = width - name_width - 3
        out.append("")
        for name, value in props:
            text = fl_value(value, limit).replace("\r\n", " ").replace("\n", " ")
            first, rest = text[:room], text[room:]
            out.append("%s : %s" % (name.ljust(name_width), first))
            while rest:
                out.append(" " * (name_width + 3) + rest[:room])
                rest = rest[room:]
    out.append("")
    out.append("")
    out.append("")
    return "\r\n".join(out)


def csv_value(value, deserialized_objects):
    if isinstance(value, Obj) and value.lst is not None and not value.is_enum():
        if deserialized_objects:
            return " ".join(scalar_text(x) or "" for x in value.lst)
        # The collection's own ToString: its short type name, as in
        # examples/contoso/onprem/Get-ExchangeServer.csv.
        name = type_name(value).replace("Deserialized.", "")
        return re.sub(r"\[\[([^,\[\]]+)[^\]]*\]\]", r"[\1]", name)
    if isinstance(value, Prim) and value.tag == "BA":
        return "System.Byte[]"
    return scalar_text(value)


def write_csv(objs, deserialized_objects, with_type_line):
    header = [n for n, _ in top_level_properties(objs[0], True)]
    buf = io.StringIO()
    if with_type_line:
        tn = objs[0].tn[0] if objs[0].tn else "System.Management.Automation.PSCustomObject"
        if deserialized_objects and not tn.startswith("Deserialized."):
            tn = "Deserialized." + tn
        buf.write("#TYPE %s\r\n" % tn)
    buf.write(",".join('"%s"' % h for h in header) + "\r\n")
    for obj in objs:
        values = dict(top_level_properties(obj, True))
        cells = []
        for h in header:
            v = values.get(h, NIL)
            text = csv_value(v, deserialized_objects)
            cells.append("" if text is None else '"%s"' % text.replace('"', '""'))
        buf.write(",".join(cells) + "\r\n")
    return buf.getvalue()


def yaml_scalar(text):
    return json.dumps(text, ensure_ascii=True)


def yaml_value(value):
    if isinstance(value, Prim):
        if value.tag == "Nil":
            return "null"
        if value.tag == "B":
            return "true" if value.text == "true" else "false"
        if value.tag in ("I32", "I64", "By", "U32"):
            return value.text
        if value.tag == "DT":
            d = parse_dt(value.text)
            return yaml_scalar(d.isoformat() if d else value.text)
        if value.tag == "TS":
            return yaml_scalar(timespan_text(value.text))
        if value.tag == "BA":
            return yaml_scalar(value.text)
        return yaml_scalar(unescape(value.text))
    if value.lst is not None and not value.is_enum():
        return "[" + ", ".join(yaml_value(x) if isinstance(x, Prim) else yaml_scalar(scalar_text(x) or "")
                               for x in value.lst) + "]"
    text = scalar_text(value)
    return "null" if text is None else yaml_scalar(text)


def write_yaml(objs, kind, side, cmdlet):
    out = ["# %s, typed in from the shell output for the hybridlint snapshot" % cmdlet,
           "kind: %s" % kind, "objects:"]
    for obj in objs:
        out.append("  - side: %s" % side)
        out.append("    properties:")
        for name, value in top_level_properties(obj, False):
            out.append("      %s: %s" % (name, yaml_value(value)))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Renaming: one organization's names in a template's strings.

GUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
BASE64_RE = re.compile(r"^[A-Za-z0-9+/=]{80,}$")
# GUIDs that name the organization or the tenant: the same in every object.
ORG_GUIDS = {"3f2a8d4e-9b71-4c6a-b5e2-7d0c1f9a6e38", "9b1c7d42-6e3a-4f85-b0d9-2c5a8e71f364",
             "c7e4a1b9-3d52-4f8e-9a06-51b2d8e4f7a3", "59ce2f71-eaa2-4ddf-a4fa-f25069d0b324"}


def case_like(sample, word):
    if sample.isupper():
        return word.upper()
    if sample[0].isupper():
        return word[0].upper() + word[1:]
    return word.lower()


class Renamer:
    """Rewrites the template's names for one organization (and optionally
    one server or one person clone)."""

    def __init__(self, org_key, words, scope="", server=None, surname_suffix=None):
        self.org_key = org_key
        self.scope = scope
        self.words = words  # lowercase template word -> new word
        pattern = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
        self.word_re = re.compile(r"(?i)(%s)" % pattern) if words else None
        self.server = server
        self.surname_suffix = surname_suffix
        self.memo = {}

    def guid(self, match):
        g = match.group(0)
        low = g.lower()
        if low.startswith("0000000"):
            return g
        scope = "" if low in ORG_GUIDS else self.scope
        h = hashlib.sha1(("%s|%s|%s" % (self.org_key, scope, low)).encode()).hexdigest()
        new = "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], "89ab"[int(h[16], 16) % 4], h[17:20], h[20:32])
        return new.upper() if g.isupper() else new

    def text(self, text):
        if text is None or BASE64_RE.match(text):
            return text
        if self.word_re is not None:
            text = self.word_re.sub(lambda m: case_like(m.group(0), self.words[m.group(0).lower()]), text)
        if self.server is not None:
            text = re.sub(r"(?i)\bex01\b", lambda m: case_like(m.group(0), self.server), text)
        if self.surname_suffix is not None:
            text = re.sub(r"(?i)(jansen|visser|vries|bakker)", lambda m: m.group(0) + self.surname_suffix, text)
        return GUID_RE.sub(self.guid, text)

    def value(self, value):
        if isinstance(value, Prim):
            if value.tag in ("S", "G", "URI") or (value.tag == "ToString"):
                new = self.text(value.text)
                return value if new == value.text else Prim(value.tag, new)
            return value
        key = id(value)
        if key in self.memo:
            return self.memo[key]
        obj = Obj(tn=value.tn, tostring=self.text(value.tostring), value=value.value,
                  lst=None if value.lst is None else [], props=[], ms=[])
        self.memo[key] = obj
        if value.lst is not None:
            obj.lst = [self.value(x) for x in value.lst]
        obj.props = [(n, self.value(v)) for n, v in value.props]
        obj.ms = [(n, self.value(v)) for n, v in value.ms]
        return obj


# ---------------------------------------------------------------------------
# The templates: examples/contoso's CLIXML, plus the kinds contoso exports in
# other formats, built here in the same shapes.

# (side, cmdlet, kind) of every export of an organization, in writing order.
EXPORTS = [
    ("onprem", "Get-AuthConfig", "AuthConfig"),
    ("onprem", "Get-AuthServer", "AuthServer"),
    ("onprem", "Get-AutodiscoverVirtualDirectory", "AutodiscoverVirtualDirectory"),
    ("onprem", "Get-AvailabilityAddressSpace", "AvailabilityAddressSpace"),
    ("onprem", "Get-ExchangeCertificate", "ExchangeCertificate"),
    ("onprem", "Get-ExchangeServer", "ExchangeServer"),
    ("onprem", "Get-FederatedOrganizationIdentifier", "FederatedOrganizationIdentifier"),
    ("onprem", "Get-FederationTrust", "FederationTrust"),
    ("onprem", "Get-HybridConfiguration", "HybridConfiguration"),
    ("onprem", "Get-IntraOrganizationConfiguration", "IntraOrganizationConfiguration"),
    ("onprem", "Get-IntraOrganizationConnector", "IntraOrganizationConnector"),
    ("onprem", "Get-Mailbox", "Mailbox"),
    ("onprem", "Get-MailboxCalendarConfiguration", "CalendarConfiguration"),
    ("onprem", "Get-MailboxFolderPermission", "MailboxFolderPermission"),
    ("onprem", "Get-OrganizationRelationship", "OrganizationRelationship"),
    ("onprem", "Get-PartnerApplication", "PartnerApplication"),
    ("onprem", "Get-RemoteMailbox", "RemoteMailbox"),
    ("onprem", "Get-SettingOverride", "SettingOverride"),
    ("onprem", "Get-SharingPolicy", "SharingPolicy"),
    ("onprem", "Get-WebServicesVirtualDirectory", "WebServicesVirtualDirectory"),
    ("cloud", "Get-AuthServer", "AuthServer"),
    ("cloud", "Get-FederatedOrganizationIdentifier", "FederatedOrganizationIdentifier"),
    ("cloud", "Get-FederationTrust", "FederationTrust"),
    ("cloud", "Get-IntraOrganizationConfiguration", "IntraOrganizationConfiguration"),
    ("cloud", "Get-IntraOrganizationConnector", "IntraOrganizationConnector"),
    ("cloud", "Get-MailUser", "MailUser"),
    ("cloud", "Get-Mailbox", "Mailbox"),
    ("cloud", "Get-MailboxFolderPermission", "MailboxFolderPermission"),
    ("cloud", "Get-OnPremisesOrganization", "OnPremisesOrganization"),
    ("cloud", "Get-OrganizationRelationship", "OrganizationRelationship"),
    ("cloud", "Get-SharingPolicy", "SharingPolicy"),
]

SDS = "Microsoft.Exchange.Data.Directory.SystemConfiguration."
ORG_GUID = "3f2a8d4e-9b71-4c6a-b5e2-7d0c1f9a6e38"
TENANT_ID = "9b1c7d42-6e3a-4f85-b0d9-2c5a8e71f364"


def cloud_tail(template, name, container, category, object_class, guid):
    """The common AD properties of an Exchange Online object, taken from the
    cloud organization relationship and renamed."""
    old_name = template.get("Name").text
    tail = []
    started = False
    for n, v in template.props:
        if n == "AdminDisplayName":
            started = True
        if not started:
            continue
        if n in ("Name", "Identity", "Id"):
            v = S(name)
        elif n == "DistinguishedName":
            v = S(v.text.replace("CN=" + old_name + ",CN=Federation", "CN=%s,%s" % (name, container)))
        elif n == "ObjectCategory":
            v = S(v.text.replace("ms-Exch-Fed-Sharing-Relationship", category))
        elif n == "ObjectClass":
            v = Obj(tn=v.tn, lst=[S("top"), S(object_class)])
        elif n in ("ExchangeObjectId", "Guid"):
            v = G(guid)
        tail.append((n, v))
    return tail


def onprem_tail(template, name, container, category, object_class, guid):
    """The common AD properties of an on-premises object (ADObjectIds and
    all), taken from the on-premises intra-organization connector."""
    old_name = template.get("Name").text
    renamer = Renamer("", {})
    tail = []
    started = False
    for n, v in template.props:
        if n == "AdminDisplayName":
            started = True
        if started:
            tail.append((n, v))
    holder = Obj(props=tail)
    holder = renamer.value(holder)  # a private copy (Refs stay shared)

    def fix_text(text):
        if text is None:
            return text
        text = text.replace(old_name, name)
        text = text.replace("CN=Intra Organization Connectors", container)
        text = text.replace("Intra Organization Connectors", container.replace("CN=", "").split(",")[0])
        text = text.replace("ms-Exch-Intra-Organization-Connector", category)
        text = text.replace("msExchIntraOrganizationConnector", object_class)
        text = text.replace("b92d03e7-6af9-4260-9f3f-187593a6bad8", guid)
        return text

    seen = set()

    def walk(value):
        if isinstance(value, Prim):
            return
        if id(value) in seen:
            return
        seen.add(id(value))
        value.tostring = fix_text(value.tostring)
        for i, (n, v) in enumerate(value.props):
            if isinstance(v, Prim) and v.tag in ("S", "G"):
                value.props[i] = (n, Prim(v.tag, fix_text(v.text)))
            else:
                walk(v)
        if value.lst is not None:
            for i, v in enumerate(value.lst):
                if isinstance(v, Prim) and v.tag == "S":
                    value.lst[i] = S(fix_text(v.text))
    walk(holder)
    return holder.props


def parse_cert_tostring(text):
    fields = {}
    current = None
    for line in unescape(text).replace("\r", "").split("\n"):
        m = re.match(r"^\[(.+)\]$", line.strip())
        if m:
            current = m.group(1)
        elif line.strip() and current:
            fields[current] = line.strip()
    return fields


def us_date_to_iso(text):
    d = datetime.datetime.strptime(text, "%m/%d/%Y %H:%M:%S")
    return d.strftime("%Y-%m-%dT%H:%M:%S")


def certificate_projection(cert, server_fqdn):
    """`Get-ExchangeCertificate | Select-Object ...`: what a JSON, CSV or
    Format-List export holds instead of Export-Clixml's bare RawData."""
    f = parse_cert_tostring(cert.tostring)
    subject = f.get("Subject", "")
    thumb = f.get("Thumbprint", "")
    if "Auth Certificate" in subject:
        services = ("SMTP", 16)
    elif "WMSvc" in subject:
        services = ("None", 0)
    elif subject.startswith("CN=Federation"):
        services = ("Federation", 32)
    else:
        services = ("IMAP, POP, IIS, SMTP", 27)
    self_signed = subject == f.get("Issuer")
    props = [
        ("FriendlyName", S(subject.split(",")[0].replace("CN=", ""))),
        ("Services", enum_obj("Microsoft.Exchange.Data.Directory.SystemConfiguration.AllowedServices",
                              services[0], services[1])),
        ("Status", enum_obj("Microsoft.Exchange.Management.SystemConfigurationTasks.CertificateStatus", "Valid", 1)),
        ("IsSelfSigned", B(self_signed)),
        ("HasPrivateKey", B(True)),
        ("Issuer", S(f.get("Issuer", ""))),
        ("NotAfter", DT(us_date_to_iso(f["Not After"]))),
        ("NotBefore", DT(us_date_to_iso(f["Not Before"]))),
        ("SerialNumber", S(f.get("Serial Number", ""))),
        ("Subject", S(subject)),
        ("Thumbprint", S(thumb)),
        ("Identity", S("%s\\%s" % (server_fqdn, thumb))),
    ]
    return Obj(tn=(("Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate",
                    "System.Security.Cryptography.X509Certificates.X509Certificate2", "System.Object")),
               tostring=cert.tostring, props=props)


def load_templates():
    if not os.path.isdir(TEMPLATE_DIR):
        sys.exit("generate.py: %s: not found (the templates come from examples/contoso)" % TEMPLATE_DIR)
    t = {}
    for side in ("onprem", "cloud"):
        folder = os.path.join(TEMPLATE_DIR, side)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".xml"):
                t[(side, name[:-4])] = parse_clixml(decode_file(os.path.join(folder, name)))
    need = [("cloud", "Get-OrganizationRelationship"), ("onprem", "Get-IntraOrganizationConnector"),
            ("cloud", "Get-AuthServer"), ("onprem", "Get-WebServicesVirtualDirectory"),
            ("onprem", "Get-AutodiscoverVirtualDirectory"), ("onprem", "Get-SharingPolicy")]
    for key in need:
        if key not in t:
            sys.exit("generate.py: examples/contoso/%s/%s.xml: expected a CLIXML template" % key)

    cloud_orgrel = t[("cloud", "Get-OrganizationRelationship")][0]
    onprem_ioc = t[("onprem", "Get-IntraOrganizationConnector")][0]

    # Cloud intra-organization connector (contoso exports it as JSON).
    ioc_name = "HybridIOC - " + ORG_GUID
    t[("cloud", "Get-IntraOrganizationConnector")] = [Obj(
        tn=deserialized((SDS + "IntraOrganizationConnector", "Microsoft.Exchange.Data.Directory.ADConfigurationObject",
                         "System.Object")),
        tostring=ioc_name,
        props=[("TargetAddressDomains", mvp([S("contoso.com"), S("fabrikam.com")], deserialized(MVP_SMTPDOMAIN))),
               ("DiscoveryEndpoint", URI("https://mail.contoso.com/autodiscover/autodiscover.svc")),
               ("TargetSharingEpr", NIL), ("Enabled", B(True))]
        + cloud_tail(cloud_orgrel, ioc_name, "CN=Intra Organization Connectors,CN=Configuration",
                     "ms-Exch-Intra-Organization-Connector", "msExchIntraOrganizationConnector",
                     "bfe618a3-98d1-408c-9214-f3ca25b245c5"))]

    # Exchange Online's view of the on-premises organization (contoso: Format-List).
    t[("cloud", "Get-OnPremisesOrganization")] = [Obj(
        tn=deserialized((SDS + "OnPremisesOrganization", "Microsoft.Exchange.Data.Directory.ADConfigurationObject",
                         "System.Object")),
        tostring=ORG_GUID,
        props=[("HybridDomains", mvp([S("contoso.com"), S("fabrikam.com")], deserialized(MVP_SMTPDOMAIN))),
               ("InboundConnector", S("Inbound from " + ORG_GUID)),
               ("OutboundConnector", S("Outbound to " + ORG_GUID)),
               ("OrganizationRelationship", S("O365 to On-premises - " + ORG_GUID)),
               ("OrganizationName", S("Contoso")), ("OrganizationGuid", G(ORG_GUID)), ("Comment", NIL)]
        + cloud_tail(cloud_orgrel, ORG_GUID, "CN=On-Premises Organizations,CN=Configuration",
                     "ms-Exch-On-Premises-Organization", "msExchOnPremisesOrganization",
                     "3329d464-e57a-48ac-a651-9fc0e7fa2a9d"))]

    # Exchange Online's default sharing policy (contoso: CSV).
    onprem_sp = t[("onprem", "Get-SharingPolicy")][0]
    t[("cloud", "Get-SharingPolicy")] = [Obj(
        tn=deserialized((SDS + "SharingPolicy", "Microsoft.Exchange.Data.Directory.ADConfigurationObject",
                         "System.Object")),
        tostring="Default Sharing Policy",
        props=[("Domains", Renamer("", {}).value(onprem_sp.get("Domains"))), ("Enabled", B(True)),
               ("Default", B(True))]
        + cloud_tail(cloud_orgrel, "Default Sharing Policy", "CN=Federation,CN=Configuration",
                     "ms-Exch-Sharing-Policy", "msExchSharingPolicy", "598ce842-a1ac-416e-bd81-6a0a799cf24c"))]

    # On-premises auth servers, ACS and EvoSts (contoso: Format-List, UTF-16).
    cloud_as = t[("cloud", "Get-AuthServer")][0]
    as_type = SDS + "AuthServerType"
    certs = cloud_as.get("CertificateStrings")
    auth_servers = []
    for name, issuer, token, authz, app, metadata, type_name_, type_no, guid in [
        ("ACS - " + ORG_GUID, "00000001-0000-0000-c000-000000000000",
         "https://accounts.accesscontrol.windows.net/%s/tokens/OAuth/2" % TENANT_ID, None, None,
         "https://accounts.accesscontrol.windows.net/%s/metadata/json/1" % TENANT_ID, "MicrosoftACS", 1,
         "977fd5a3-fcd3-46f1-a83a-a620fa6fd008"),
        ("EvoSts - " + ORG_GUID, "https://sts.windows.net/%s/" % TENANT_ID,
         "https://login.windows.net/common/oauth2/token", "https://login.windows.net/common/oauth2/authorize",
         "c7e4a1b9-3d52-4f8e-9a06-51b2d8e4f7a3",
         "https://login.windows.net/contoso.onmicrosoft.com/federationmetadata/2007-06/federationmetadata.xml",
         "AzureAD", 5, "41612036-a5dc-4681-9206-0a0c8444320c"),
    ]:
        auth_servers.append(Obj(
            tn=tuple(x.replace("Deserialized.", "") for x in cloud_as.tn),
            tostring=name,
            props=[("IssuerIdentifier", S(issuer)), ("TokenIssuingEndpoint", S(token)),
                   ("AuthorizationEndpoint", S(authz) if authz else NIL),
                   ("ApplicationIdentifier", S(app) if app else NIL), ("AuthMetadataUrl", S(metadata)),
                   ("Realm", S(TENANT_ID)),
                   ("DomainName", mvp([S("contoso.com"), S("fabrikam.com"), S("contoso.mail.onmicrosoft.com")],
                                      MVP_SMTPDOMAIN)),
                   ("Type", enum_obj(as_type.replace("Deserialized.", ""), type_name_, type_no)),
                   ("CertificateStrings", certs), ("CurrentEncryptedAppSecret", NIL),
                   ("PreviousEncryptedAppSecret", NIL), ("Enabled", B(True)),
                   ("IsDefaultAuthorizationEndpoint", B(False))]
            + onprem_tail(onprem_ioc, name, "CN=Auth Servers,CN=Auth Configuration", "ms-Exch-Auth-Auth-Server",
                          "msExchAuthAuthServer", guid)))
    t[("onprem", "Get-AuthServer")] = auth_servers

    # The availability address space for the tenant (contoso: JSON).
    aas_name = "contoso.mail.onmicrosoft.com"
    t[("onprem", "Get-AvailabilityAddressSpace")] = [Obj(
        tn=(SDS + "AvailabilityAddressSpace", "Microsoft.Exchange.Data.Directory.ADConfigurationObject",
            "System.Object"),
        tostring=aas_name,
        props=[("ForestName", S(aas_name)), ("UserName", NIL), ("UseServiceAccount", B(True)),
               ("AccessMethod", enum_obj(SDS + "AvailabilityAccessMethod", "InternalProxy", 3)),
               ("ProxyUrl", URI("https://mail.contoso.com/EWS/Exchange.asmx")), ("TargetAutodiscoverEpr", NIL)]
        + onprem_tail(onprem_ioc, aas_name, "CN=Availability Configuration", "ms-Exch-Availability-Address-Space",
                      "msExchAvailabilityAddressSpace", "5b0f8c1e-2d4a-4e6b-9c7d-8e1f2a3b4c5d"))]

    # Get-ExchangeServer (contoso: Export-Csv from the EMS): read its first row.
    t[("onprem", "Get-ExchangeServer")] = [exchange_server_template()]

    # Get-MailboxCalendarConfiguration (contoso: hand-written YAML).
    t[("onprem", "Get-MailboxCalendarConfiguration")] = [Obj(
        tn=("Microsoft.Exchange.Data.Storage.Management.MailboxCalendarConfiguration",
            "Microsoft.Exchange.Data.Storage.Management.UserConfigurationObject", "System.Object"),
        tostring="corp.contoso.com/Contoso/Rooms/Room 4.12",
        props=[("WorkDays", enum_obj("Microsoft.Exchange.Data.Storage.Management.DaysOfWeek", "Weekdays", 62)),
               ("WorkingHoursStartTime", TS("PT8H")), ("WorkingHoursEndTime", TS("PT17H")),
               ("WorkingHoursTimeZone", S("W. Europe Standard Time")),
               ("WeekStartDay", enum_obj("System.DayOfWeek", "Monday", 1)), ("ShowWeekNumbers", B(False)),
               ("FirstWeekOfYear", S("FirstDay")),
               ("TimeIncrement", enum_obj("Microsoft.Exchange.Data.Storage.Management.HourIncrement",
                                          "ThirtyMinutes", 30)),
               ("RemindersEnabled", B(True)), ("ReminderSoundEnabled", B(True)), ("DefaultReminderTime", TS("PT15M")),
               ("Identity", S("corp.contoso.com/Contoso/Rooms/Room 4.12")), ("IsValid", B(True)),
               ("ObjectState", enum_obj("Microsoft.Exchange.Data.ObjectState", "Unchanged", 0))])]
    return t


def exchange_server_template():
    path = os.path.join(TEMPLATE_DIR, "onprem", "Get-ExchangeServer.csv")
    lines = decode_file(path).splitlines()
    type_line = lines[0][len("#TYPE "):] if lines[0].startswith("#TYPE ") else SDS + "ExchangeServer"
    rows = list(csv.reader(lines[1:] if lines[0].startswith("#TYPE ") else lines))
    header, row = rows[0], rows[1]
    ms, props = [], []
    for name, text in zip(header, row):
        if name in ("PSComputerName", "RunspaceId", "PSShowComputerName"):
            ms.append((name, G(text) if name == "RunspaceId" else (B(text == "True") if name == "PSShowComputerName"
                                                                   else S(text))))
            continue
        if text == "":
            value = NIL
        elif text in ("True", "False"):
            value = B(text == "True")
        elif text.startswith("Microsoft.Exchange.Data.") and "`1[" in text or text.endswith("Collection"):
            value = Obj(tn=(text, "System.Object"), lst=[])
        elif name == "ServerRole":
            value = enum_obj(SDS + "ServerRole", text, 2)
        elif name == "AdminDisplayVersion":
            m = re.match(r"Version (\d+)\.(\d+) \(Build (\d+)\.(\d+)\)", text)
            value = Obj(tn=("Microsoft.Exchange.Data.ServerVersion", "System.Object"), tostring=text,
                        props=[("Major", I32(m.group(1))), ("Minor", I32(m.group(2))), ("Build", I32(m.group(3))),
                               ("Revision", I32(m.group(4))), ("FilePatchLevelDescription", NIL)])
        elif name.startswith("When"):
            d = datetime.datetime.strptime(text, "%m/%d/%Y %I:%M:%S %p")
            value = DT(d.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if name.endswith("UTC") else "+01:00"))
        elif name == "Guid":
            value = G(text)
        elif name == "ExchangeLegacyServerRole":
            value = I32(int(text))
        else:
            value = S(text)
        props.append((name, value))
    return Obj(tn=(type_line, "System.Object"), tostring=dict(props)["Name"].text, props=props, ms=ms)


# ---------------------------------------------------------------------------
# One organization.

ADJECTIVES = ["north", "blue", "silver", "green", "bright", "river", "stone", "red", "oak", "iron", "sun", "lake",
              "west", "east", "high", "gold", "clear", "swift", "fair", "cedar"]
NOUNS = ["wind", "field", "bridge", "harbor", "peak", "works", "point", "gate", "ridge", "vale", "brook", "forge",
         "haven", "mark", "crest", "dale", "ford", "wood", "shore", "spring"]
TLDS = ["com", "net", "org", "eu", "nl", "de", "co.uk", "fr"]

# Breakages a real organization shows (see examples/contoso-broken), each a
# small edit of the healthy model.
BREAKAGES = ["cloud-ioc-missing-domain", "cloud-orgrel-target-application-uri", "cloud-orgrel-free-busy-disabled",
             "onprem-orgrel-autodiscover-epr-typo", "ews-vdir-oauth-off", "autodiscover-vdir-oauth-off",
             "ews-vdir-external-url-http", "acs-auth-server-disabled", "calendar-default-none",
             "onprem-ioc-disabled", "ews-vdir-wssecurity-off"]


class OrgSpec:
    def __init__(self, index, seed, servers=None, huge=False):
        rng = random.Random("%d/%d" % (seed, index))
        self.index = index
        self.key = "%d/%d" % (seed, index)
        self.rng = rng
        adj, noun = rng.choice(ADJECTIVES), rng.choice(NOUNS)
        self.slug = "%s%s%d" % (adj, noun, index)
        self.slug2 = "%s%s%d" % (rng.choice(NOUNS), rng.choice(ADJECTIVES), index)
        self.tld2 = rng.choice(TLDS)
        if servers is None:
            r = rng.random()
            servers = 2 if r < 0.6 else (rng.randint(3, 8) if r < 0.9 else rng.randint(10, 40))
        self.servers = servers
        self.mailbox_clones = 1 if servers <= 2 else (2 if servers <= 8 else 5)
        if huge:
            self.mailbox_clones = 20
        n_break = rng.choice([0, 0, 0, 1, 1, 2, 3])
        self.breakages = sorted(rng.sample(BREAKAGES, n_break))
        self.onprem_shell = "ps51"  # the Exchange Management Shell is Windows PowerShell 5.1
        self.cloud_shell = "ps7" if rng.random() < 0.7 else "ps51"
        self.fl_limit = None if rng.random() < 0.8 else 4  # $FormatEnumerationLimit = -1, or the default 4
        self.formats = {}
        for side, cmdlet, kind in EXPORTS:
            r = rng.random()
            fmt = "clixml" if r < 0.45 else "json" if r < 0.65 else "format-list" if r < 0.80 \
                else "csv" if r < 0.92 else "yaml"
            self.formats[(side, cmdlet)] = fmt
        self.utf8_bom = rng.random() < 0.15

    def words(self):
        return {"contoso": self.slug, "fabrikam": self.slug2}

    def server_name(self, i):
        return ("EX%02d" % i) if self.servers < 100 else ("EX%03d" % i)


def drop_from_list(obj, prop, name):
    lst = obj.get(prop)
    if isinstance(lst, Obj) and lst.lst is not None:
        obj.set(prop, Obj(tn=lst.tn, tostring=lst.tostring, lst=[x for x in lst.lst if scalar_text(x) != name]))


def build_org(spec, templates):
    words = spec.words()
    base = Renamer(spec.key, words)
    model = {}
    for side, cmdlet, kind in EXPORTS:
        objs = templates[(side, cmdlet)]
        if kind in ("WebServicesVirtualDirectory", "AutodiscoverVirtualDirectory", "ExchangeServer"):
            template = objs[0]
            out = []
            for i in range(1, spec.servers + 1):
                r = Renamer(spec.key, words, scope="srv%d" % i, server=spec.server_name(i))
                out.append(r.value(template))
            model[(side, cmdlet)] = out
        elif kind in ("Mailbox", "MailUser", "RemoteMailbox", "MailboxFolderPermission"):
            out = [base.value(o) for o in objs]
            for k in range(2, spec.mailbox_clones + 1):
                r = Renamer(spec.key, words, scope="mbx%d" % k, surname_suffix=str(k))
                out.extend(r.value(o) for o in objs if not re.search(r"(?i)room", scalar_text(o.get("Identity")) or
                                                                     o.tostring or ""))
            model[(side, cmdlet)] = out
        else:
            model[(side, cmdlet)] = [base.value(o) for o in objs]
    apply_breakages(spec, model)
    return model


def apply_breakages(spec, model):
    rng = random.Random(spec.key + "/break")
    for b in spec.breakages:
        if b == "cloud-ioc-missing-domain":
            ioc = model[("cloud", "Get-IntraOrganizationConnector")][0]
            lst = ioc.get("TargetAddressDomains")
            ioc.set("TargetAddressDomains", Obj(tn=lst.tn, lst=lst.lst[:1]))
        elif b == "cloud-orgrel-target-application-uri":
            model[("cloud", "Get-OrganizationRelationship")][0].set("TargetApplicationUri", URI("outlook.com"))
        elif b == "cloud-orgrel-free-busy-disabled":
            model[("cloud", "Get-OrganizationRelationship")][0].set("FreeBusyAccessEnabled", B(False))
        elif b == "onprem-orgrel-autodiscover-epr-typo":
            model[("onprem", "Get-OrganizationRelationship")][0].set(
                "TargetAutodiscoverEpr", URI("https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/WSSecurty"))
        elif b in ("ews-vdir-oauth-off", "autodiscover-vdir-oauth-off", "ews-vdir-wssecurity-off"):
            cmdlet = "Get-AutodiscoverVirtualDirectory" if b.startswith("autodiscover") else \
                "Get-WebServicesVirtualDirectory"
            vdir = rng.choice(model[("onprem", cmdlet)])
            method = "WSSecurity" if "wssecurity" in b else "OAuth"
            drop_from_list(vdir, "InternalAuthenticationMethods", method)
            drop_from_list(vdir, "ExternalAuthenticationMethods", method)
            vdir.set("WSSecurityAuthentication" if method == "WSSecurity" else "OAuthAuthentication", B(False))
        elif b == "ews-vdir-external-url-http":
            vdir = rng.choice(model[("onprem", "Get-WebServicesVirtualDirectory")])
            vdir.set("ExternalUrl", URI(vdir.get("ExternalUrl").text.replace("https://", "http://")))
        elif b == "acs-auth-server-disabled":
            model[("onprem", "Get-AuthServer")][0].set("Enabled", B(False))
        elif b == "calendar-default-none":
            perms = model[("onprem", "Get-MailboxFolderPermission")]
            perm = perms[0]
            rights = perm.get("AccessRights")
            if isinstance(rights, Obj) and rights.lst:
                item = rights.lst[0]
                none = Obj(tn=item.tn, tostring="None", value=I32(0)) if isinstance(item, Obj) else S("None")
                perm.set("AccessRights", Obj(tn=rights.tn, lst=[none]))
        elif b == "onprem-ioc-disabled":
            model[("onprem", "Get-IntraOrganizationConnector")][0].set("Enabled", B(False))


def encode(text, encoding):
    if encoding == "utf-16le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "ascii":
        return text.encode("ascii", "replace")
    return text.encode("utf-8")


def serialize(spec, side, cmdlet, kind, objs, fmt, json_corpus):
    """(file extension, bytes) of one export as the organization's shell wrote it."""
    shell = spec.onprem_shell if side == "onprem" else spec.cloud_shell
    if kind == "ExchangeCertificate" and fmt != "clixml":
        fqdn = "%s.corp.%s.com" % (spec.server_name(1).lower(), spec.slug)
        objs = [certificate_projection(o, fqdn) for o in objs]
    if fmt == "clixml":
        return ".xml", encode(write_clixml(objs), "utf-16le-bom" if shell == "ps51" else "utf-8")
    if fmt == "json":
        text = write_json(objs, shell, as_array=json_corpus)
        if json_corpus:
            enc = "utf-8-bom" if shell == "ps51" else "utf-8"  # Out-File -Encoding utf8 / PowerShell 7
        else:
            enc = "utf-16le-bom" if shell == "ps51" else ("utf-8-bom" if spec.utf8_bom else "utf-8")
        return ".json", encode(text, enc)
    if fmt == "format-list":
        text = write_format_list(objs, spec.fl_limit)
        enc = "utf-16le-bom" if shell == "ps51" else ("utf-8-bom" if spec.utf8_bom else "utf-8")
        return ".txt", encode(text, enc)
    if fmt == "csv":
        text = write_csv(objs, deserialized_objects=(side == "cloud"), with_type_line=(shell == "ps51"))
        return ".csv", encode(text, "ascii" if shell == "ps51" else "utf-8")
    return ".yaml", encode(write_yaml(objs, kind, side, cmdlet), "utf-8")


# The exports of the JSON comparison corpus: those the rules compared with
# Spectral read, directly or through the facts they need (domains, tenant).
JSON_EXPORTS = {
    ("onprem", "Get-OrganizationRelationship"), ("cloud", "Get-OrganizationRelationship"),
    ("onprem", "Get-IntraOrganizationConnector"), ("cloud", "Get-IntraOrganizationConnector"),
    ("onprem", "Get-IntraOrganizationConfiguration"), ("cloud", "Get-IntraOrganizationConfiguration"),
    ("onprem", "Get-FederatedOrganizationIdentifier"), ("cloud", "Get-FederatedOrganizationIdentifier"),
    ("onprem", "Get-HybridConfiguration"), ("cloud", "Get-OnPremisesOrganization"),
    ("onprem", "Get-AuthServer"), ("onprem", "Get-ExchangeServer"),
    ("onprem", "Get-WebServicesVirtualDirectory"), ("onprem", "Get-AutodiscoverVirtualDirectory"),
}

# Corpora: (exports, format or None for the organization's own choice).
CORPORA = {
    "mixed": None,      # every export, every format
    "json": "json",     # the JSON comparison exports, ConvertTo-Json arrays
    "huge": "clixml",   # one organization, every export Export-Clixml
    "huge-json": "json",
}


def write_org(out_dir, spec, model, corpus):
    os.makedirs(os.path.join(out_dir, "onprem"), exist_ok=True)
    os.makedirs(os.path.join(out_dir, "cloud"), exist_ok=True)
    total = 0
    json_corpus = corpus in ("json", "huge-json")
    with open(os.path.join(out_dir, "snapshot.yaml"), "w", newline="\n") as f:
        f.write("# synthetic organization %d (bench/generate.py)\norganization: %s\n"
                "collected_at: 2026-11-20T09:30:00Z\ncloud_instance: worldwide\n" % (spec.index, spec.slug.title()))
    for side, cmdlet, kind in EXPORTS:
        if json_corpus and (side, cmdlet) not in JSON_EXPORTS:
            continue
        objs = model[(side, cmdlet)]
        fmt = CORPORA[corpus] or spec.formats[(side, cmdlet)]
        ext, data = serialize(spec, side, cmdlet, kind, objs, fmt, json_corpus)
        with open(os.path.join(out_dir, side, cmdlet + ext), "wb") as f:
            f.write(data)
        total += len(data)
    return total


def clone_org(src_dir, dst_dir, src_spec, dst_spec):
    """A copy of a generated organization under another organization's names
    (a plain text replacement: fast enough for 10,000 organizations)."""
    words = {src_spec.slug: dst_spec.slug, src_spec.slug2: dst_spec.slug2}
    pattern = re.compile(r"(?i)(%s)" % "|".join(re.escape(w) for w in words))
    total = 0
    for side in ("", "onprem", "cloud"):
        os.makedirs(os.path.join(dst_dir, side), exist_ok=True)
        for name in sorted(os.listdir(os.path.join(src_dir, side))):
            src = os.path.join(src_dir, side, name)
            if os.path.isdir(src):
                continue
            raw = open(src, "rb").read()
            if raw[:2] == b"\xff\xfe":
                enc, bom, body = "utf-16-le", raw[:2], raw[2:]
            elif raw[:3] == b"\xef\xbb\xbf":
                enc, bom, body = "utf-8", raw[:3], raw[3:]
            else:
                enc, bom, body = "utf-8", b"", raw
            text = pattern.sub(lambda m: case_like(m.group(0), words[m.group(0).lower()]), body.decode(enc))
            text = text.replace("synthetic organization %d " % src_spec.index,
                                "synthetic organization %d " % dst_spec.index)
            data = bom + text.encode(enc)
            with open(os.path.join(dst_dir, side, name), "wb") as f:
                f.write(data)
            if side:
                total += len(data)
    return total


_TEMPLATES = None


def _init_worker():
    global _TEMPLATES
    _TEMPLATES = load_templates()


def _generate_one(job):
    out_root, corpus, index, seed, servers, name, prototype = job
    huge = corpus.startswith("huge")
    spec = OrgSpec(index, seed, servers=servers, huge=huge)
    out_dir = os.path.join(out_root, corpus, name)
    if prototype is not None:
        src_spec = OrgSpec(prototype, seed)
        size = clone_org(os.path.join(out_root, corpus, "org-%05d" % prototype), out_dir, src_spec, spec)
        return corpus, size, src_spec.servers, len(src_spec.breakages)
    model = build_org(spec, _TEMPLATES)
    size = write_org(out_dir, spec, model, corpus)
    return corpus, size, spec.servers, len(spec.breakages)


def run_jobs(jobs, n_jobs, totals):
    if n_jobs > 1 and len(jobs) > 1:
        with multiprocessing.get_context("fork").Pool(n_jobs) as pool:
            results = list(pool.imap_unordered(_generate_one, jobs, chunksize=8))
    else:
        results = [_generate_one(job) for job in jobs]
    for corpus, size, servers, breaks in results:
        t = totals.setdefault(corpus, [0, 0, 0, 0])
        t[0] += 1
        t[1] += size
        t[2] += servers
        t[3] += breaks


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="scratch directory to write into (must not be inside the repository)")
    parser.add_argument("--corpus", default="mixed,json,huge,huge-json",
                        help="comma-separated: mixed (every export, every format), json (the comparison exports, "
                             "ConvertTo-Json arrays), huge (one organization, Export-Clixml), huge-json (the same "
                             "organization's comparison exports as JSON)")
    parser.add_argument("--orgs", type=int, default=100, help="organizations in the mixed and json corpora")
    parser.add_argument("--distinct", type=int, default=500,
                        help="json corpus: organizations generated from the model; the others are copies of "
                             "these under their own names (default 500)")
    parser.add_argument("--huge-servers", type=int, default=500, help="servers of the huge organization")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    out = os.path.abspath(args.out)
    if out == REPO or out.startswith(REPO + os.sep):
        sys.exit("generate.py: %s is inside the repository; give a scratch directory" % args.out)
    corpora = [c for c in args.corpus.split(",") if c]
    for c in corpora:
        if c not in CORPORA:
            sys.exit("generate.py: --corpus: expected mixed, json, huge or huge-json, got '%s'" % c)
    if args.orgs < 1 or args.distinct < 1 or args.huge_servers < 2:
        sys.exit("generate.py: --orgs and --distinct must be at least 1, --huge-servers at least 2")

    _init_worker()  # fails here, once, when a template is missing; workers inherit it (fork)
    first, second = [], []
    for c in corpora:
        if c.startswith("huge"):
            first.append((out, c, 0, args.seed, args.huge_servers, "org-huge", None))
        elif c == "json":
            for i in range(1, args.orgs + 1):
                if i <= args.distinct:
                    first.append((out, c, i, args.seed, None, "org-%05d" % i, None))
                else:
                    second.append((out, c, i, args.seed, None, "org-%05d" % i, (i - 1) % args.distinct + 1))
        else:
            first.extend((out, c, i, args.seed, None, "org-%05d" % i, None) for i in range(1, args.orgs + 1))
    totals = {}
    run_jobs(first, args.jobs, totals)
    run_jobs(second, args.jobs, totals)
    for corpus in corpora:
        n, size, servers, breaks = totals.get(corpus, [0, 0, 0, 0])
        print("%-9s %6d organization(s), %7d server(s), %6d breakage(s), %9.1f MB in %s" %
              (corpus, n, servers, breaks, size / 1e6, os.path.join(out, corpus)))


if __name__ == "__main__":
    main()
