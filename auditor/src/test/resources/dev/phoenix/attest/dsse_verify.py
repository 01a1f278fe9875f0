"""An independent DSSE v1 / Ed25519 verifier (Python's `cryptography`), for AttestationInteropTest.

usage: dsse_verify.py ENVELOPE PUBLIC_KEY_PEM      prints the statement's verdict; exit 0 verified, 1 not
       dsse_verify.py --keygen PRIVATE_PEM         writes an Ed25519 PKCS#8 key and PRIVATE_PEM.pub
"""
import base64
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def pae(payload_type: str, body: bytes) -> bytes:
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)


def main() -> int:
    if sys.argv[1] == "--keygen":
        key = Ed25519PrivateKey.generate()
        with open(sys.argv[2], "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
        with open(sys.argv[2] + ".pub", "wb") as f:
            f.write(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo))
        return 0
    envelope = json.load(open(sys.argv[1]))
    public_key = serialization.load_pem_public_key(open(sys.argv[2], "rb").read())
    body = base64.b64decode(envelope["payload"])
    for sig in envelope["signatures"]:
        try:
            public_key.verify(base64.b64decode(sig["sig"]), pae(envelope["payloadType"], body))
        except InvalidSignature:
            continue
        statement = json.loads(body)
        print("verified", statement["_type"], statement["predicate"]["verdict"], statement["subject"][0]["digest"]["sha256"])
        return 0
    print("not verified")
    return 1


if __name__ == "__main__":
    sys.exit(main())
