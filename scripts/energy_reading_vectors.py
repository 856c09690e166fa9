#!/usr/bin/env python3
"""Writes the energy reading test vectors, signed by an Ed25519 implementation independent of the node's (pyca
cryptography on OpenSSL; the node verifies with NSec on libsodium). The message is built exactly as the runbook's
"Test a signature manually" snippet builds it. Usage: scripts/energy_reading_vectors.py > tests/TheBlock.Protocol.Tests/Energy/reading-vectors.json
"""
import base64
import json
import struct

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SEED = bytes(range(1, 33))
CASES = [
    ("provider_usa_001", "meter_001", 1500000, 1700000000, 12345),
    ("provider_eu_042", "meter_007", 0, 1700000300, 1),
    ("provider_ñ_utf8", "m", 18446744073709551615, 18446744073709551615, 18446744073709551615),
]


def message(provider_id, meter, total_kwh, timestamp, nonce):
    return (provider_id.encode() + meter.encode() + struct.pack('<Q', total_kwh)
            + struct.pack('<Q', timestamp) + struct.pack('<Q', nonce))


key = Ed25519PrivateKey.from_private_bytes(SEED)
public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
vectors = []
for provider_id, meter, total_kwh, timestamp, nonce in CASES:
    signed = message(provider_id, meter, total_kwh, timestamp, nonce)
    vectors.append({
        "provider_id": provider_id,
        "meter": meter,
        "total_kwh": total_kwh,
        "timestamp": timestamp,
        "nonce": nonce,
        "message_hex": signed.hex(),
        "signature": base64.b64encode(key.sign(signed)).decode(),
    })

print(json.dumps({
    "generator": "scripts/energy_reading_vectors.py (pyca cryptography, OpenSSL Ed25519)",
    "private_key_seed": base64.b64encode(SEED).decode(),
    "public_key": base64.b64encode(public).decode(),
    "readings": vectors,
}, indent=2, ensure_ascii=False))
