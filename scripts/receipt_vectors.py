#!/usr/bin/env python3
"""Writes the market receipt test vectors, signed by an Ed25519 implementation independent of the node's (pyca
cryptography on OpenSSL; the node verifies with NSec on libsodium). The claim is built from docs/RECEIPTS.md,
"Canonical encoding", not from the node's code. Usage: scripts/receipt_vectors.py > tests/TheBlock.Protocol.Tests/Receipts/receipt-vectors.json
"""
import base64
import hashlib
import json
import struct

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

SEED = bytes(range(33, 65))
DOMAIN = b"TheBlock/receipt/v1"
CASES = [
    ("storage", "storage_dev_001", 1, 4096, 1, 1700000000,
     [("contract_id", "contract-7"), ("bytes", 4294967296), ("duration_seconds", 3600)]),
    ("compute", "compute_gpu_ñ", 42, 1, 18446744073709551615, 1700000123,
     [("job_id", "job-2026-001"), ("compute_units", 250)]),
    ("ad", "ad_net_3", 18446744073709551615, 18446744073709551615, 0, 0,
     [("campaign_id", "spring"), ("impressions", 10000), ("clicks", 0)]),
]


def text(value):
    encoded = value.encode()
    return struct.pack('<H', len(encoded)) + encoded


def claim(market, provider_id, agreement_id, units, nonce, created_at, fields):
    out = text(market) + text(provider_id) + struct.pack('<QQQQ', agreement_id, units, nonce, created_at)
    for _, value in fields:
        out += b"\x01" + text(value) if isinstance(value, str) else b"\x00" + struct.pack('<Q', value)
    return out


key = Ed25519PrivateKey.from_private_bytes(SEED)
public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
vectors = []
for market, provider_id, agreement_id, units, nonce, created_at, fields in CASES:
    signed = DOMAIN + claim(market, provider_id, agreement_id, units, nonce, created_at, fields)
    receipt = {
        "market": market,
        "provider_id": provider_id,
        "agreement_id": agreement_id,
        "units": units,
        "nonce": nonce,
        "created_at": created_at,
    }
    receipt.update(dict(fields))
    receipt["signature"] = base64.b64encode(key.sign(signed)).decode()
    vectors.append({
        "submission": receipt,
        "signing_message_hex": signed.hex(),
        "receipt_id": hashlib.sha256(signed).hexdigest(),
    })

print(json.dumps({
    "generator": "scripts/receipt_vectors.py (pyca cryptography, OpenSSL Ed25519)",
    "private_key_seed": base64.b64encode(SEED).decode(),
    "public_key": base64.b64encode(public).decode(),
    "receipts": vectors,
}, indent=2, ensure_ascii=False))
