#!/usr/bin/env python3
"""Writes the small PDFs that the tests give `docclean` (Tests/doccleanTests/Fixtures/pdf).

Each is written out by hand, with no PDF library, so that the bytes are the same on every run:

- `two-pages.pdf`: two pages of text in Helvetica, each with a running head of two lines and
  a page number;
- `blank.pdf`: one page with nothing on it, as a scan without a text layer reads;
- `encrypted.pdf`: the first, encrypted with the user password `secret` (the standard security
  handler, revision 2, 40-bit RC4), which pdftotext cannot open without the password.

    python3 scripts/make-pdf-fixtures.py
"""

import hashlib
import os
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests/doccleanTests/Fixtures/pdf")
PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = hashlib.md5(b"docclean test fixture").digest()

PAGES = [
    ["Journal of Tests", "Volume 1, Issue 2", "The Title of the Test Article",
     "The first page holds a paragraph that runs over a few", "lines, as a typeset column does, and it stops",
     "in the middle of a sentence that the next page", "7"],
    ["Journal of Tests", "Volume 1, Issue 2", "finishes. The second page has a paragraph of its own", "too, which ends here.", "8"],
]


def rc4(key, data):
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def padded(password):
    return (password + PADDING)[:32]


def encryption(user, owner, permissions=-4):
    owner_key = hashlib.md5(padded(owner)).digest()[:5]
    o_entry = rc4(owner_key, padded(user))
    key = hashlib.md5(padded(user) + o_entry + struct.pack("<i", permissions) + FILE_ID).digest()[:5]
    u_entry = rc4(key, PADDING)
    return key, o_entry, u_entry, permissions


def content(lines):
    ops = ["BT", "/F1 10 Tf", "12 TL", "40 260 Td"]
    for index, line in enumerate(lines):
        if index:
            ops.append("T*")
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def write_pdf(path, pages, key=None, encrypt_entries=None):
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    number = 4
    for lines in pages:
        stream = content(lines) if lines else b""
        if key is not None:
            object_key = hashlib.md5(key + struct.pack("<I", number + 1)[:3] + b"\x00\x00").digest()[:10]
            stream = rc4(object_key, stream)
        objects[number + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        objects[number] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] "
                           b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (number + 1))
        kids.append(number)
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    trailer_extra = b""
    if encrypt_entries is not None:
        o_entry, u_entry, permissions = encrypt_entries
        objects[number] = (b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <"
                           + u_entry.hex().encode() + b"> /P %d >>" % permissions)
        trailer_extra = b" /Encrypt %d 0 R" % number
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for index in sorted(objects):
        offsets[index] = len(body)
        body += b"%d 0 obj\n" % index + objects[index] + b"\nendobj\n"
    xref = len(body)
    count = max(objects) + 1
    body += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for index in range(1, count):
        body += b"%010d 00000 n \n" % offsets[index]
    body += (b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]" % (count, FILE_ID.hex().encode(), FILE_ID.hex().encode())
             + trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    with open(path, "wb") as handle:
        handle.write(bytes(body))


def main():
    os.makedirs(OUT, exist_ok=True)
    write_pdf(os.path.join(OUT, "two-pages.pdf"), PAGES)
    write_pdf(os.path.join(OUT, "blank.pdf"), [[]])
    key, o_entry, u_entry, permissions = encryption(b"secret", b"owner")
    write_pdf(os.path.join(OUT, "encrypted.pdf"), PAGES, key=key, encrypt_entries=(o_entry, u_entry, permissions))


if __name__ == "__main__":
    main()
