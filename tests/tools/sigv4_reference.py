#!/usr/bin/env python3
"""Prints botocore's SigV4 results for the extra signer test rows in tests/tst_sigv4.cpp.

The expected values in that test were produced by this script with botocore's own SigV4Auth
(`pip install botocore`, or Debian's python3-botocore), an implementation independent of ours.
Run it again after changing a row and paste the new values.
"""
import datetime
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

KEY, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
NOW = datetime.datetime(2026, 1, 1, 12, 0, 0)

ROWS = [
    ("ecr-create-json", "ecr", None, "POST", "https://api.ecr.us-east-1.amazonaws.com/", None,
     {"Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": "AmazonEC2ContainerRegistry_V20150921.CreatePullThroughCacheRule"},
     b'{"ecrRepositoryPrefix":"ecr-public","upstreamRegistryUrl":"public.ecr.aws"}'),
    ("ecr-session-token", "ecr", "EXAMPLE/SESSION+TOKEN==", "POST",
     "https://api.ecr.us-east-1.amazonaws.com/", None,
     {"Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": "AmazonEC2ContainerRegistry_V20150921.DescribePullThroughCacheRules"},
     b"{}"),
    ("non-ascii-header", "service", None, "GET", "https://example.amazonaws.com/", None,
     {"X-Amz-Meta-Owner": "Zo\u00eb \u2603"}, b""),
    ("query-plus-equals-empty", "service", None, "GET", "https://example.amazonaws.com/",
     {"plus": "a+b", "equals": "x=y", "empty": ""}, {}, b""),
]

for name, service, token, method, url, params, headers, body in ROWS:
    request = AWSRequest(method=method, url=url, params=params, headers=headers, data=body)
    signer = SigV4Auth(Credentials(KEY, SECRET, token), service, "us-east-1")
    with mock.patch("botocore.auth.get_current_datetime", return_value=NOW):
        signer.add_auth(request)
        del request.headers["Authorization"]
        canonical = signer.canonical_request(request)
    print(f"== {name}\n{canonical}\n-- signature\n{signer.signature(signer.string_to_sign(request, canonical), request)}\n")
