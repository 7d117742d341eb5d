#!/usr/bin/python3
"""The AWS CLI's own SSO code (Debian's awscli 2.9, its vendored botocore) against the sandbox.

  botocore_sso.py sandbox-check ECR_SANDBOX
      starts ECR_SANDBOX on a free loopback port and runs `check` against it (the ctest entry)
  botocore_sso.py check ENDPOINT START_URL
      every SSO operation through botocore's clients (request shapes, answers, errors, the
      paginators), the device page as a browser uses it, and the role credentials with STS
  botocore_sso.py login ENDPOINT START_URL REGION SESSION
      `aws sso login` for an sso-session: the CLI's SSOTokenFetcher writes ~/.aws/sso/cache
      ($HOME's) exactly as the CLI does; the code is approved on the sandbox's device page
  botocore_sso.py credentials ENDPOINT PROFILE
      the CLI's SSO credential provider for PROFILE of $AWS_CONFIG_FILE: reads the cached token
      (refreshing it when it is near expiry), gets role credentials, calls STS; prints the ARN

Only the endpoints are redirected to the sandbox (botocore of 2.9 has no AWS_ENDPOINT_URL);
everything else is the CLI's code. Prints one line per check; exits 1 on a failure.
"""
import json
import sys
import urllib.parse
import urllib.request

import awscli  # noqa: F401  (makes Debian's vendored botocore importable as `botocore`)
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[2] if len(sys.argv) > 2 else ""
REDIRECTED = ("sso", "sso-oidc", "sts", "ecr")
_create_client = botocore.session.Session.create_client


def create_client(self, service_name, *args, **kwargs):
    if service_name in REDIRECTED:
        kwargs["endpoint_url"] = ENDPOINT
    return _create_client(self, service_name, *args, **kwargs)


botocore.session.Session.create_client = create_client

failures = 0


def check(name, condition, detail=""):
    global failures
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else ": " + detail))
    if not condition:
        failures += 1


def approve(verification_uri_complete, decision="approve"):
    """What a browser user does on the device page: open it, press the button."""
    with urllib.request.urlopen(verification_uri_complete) as page:
        body = page.read().decode()
    code = urllib.parse.parse_qs(urllib.parse.urlparse(verification_uri_complete).query)["user_code"][0]
    form = urllib.parse.urlencode({"user_code": code, "decision": decision}).encode()
    with urllib.request.urlopen(ENDPOINT + "/device", data=form) as answer:
        return code in body and answer.status == 200


def error_code(call):
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"]
    return None


def run_check(start_url):
    session = botocore.session.Session()
    unsigned = Config(signature_version=UNSIGNED, retries={"max_attempts": 1})
    oidc = session.create_client("sso-oidc", region_name="us-east-1", config=unsigned)
    portal = session.create_client("sso", region_name="us-east-1", config=unsigned)

    client = oidc.register_client(clientName="botocore-client-check", clientType="public",
                                  scopes=["sso:account:access"])
    check("RegisterClient answers clientId, clientSecret and epoch seconds",
          client["clientId"] and client["clientSecret"] and client["clientSecretExpiresAt"] > 1e9)
    check("RegisterClient refuses a confidential client",
          error_code(lambda: oidc.register_client(clientName="x", clientType="confidential"))
          == "InvalidClientMetadataException")
    creds = {"clientId": client["clientId"], "clientSecret": client["clientSecret"]}
    check("StartDeviceAuthorization refuses a wrong secret",
          error_code(lambda: oidc.start_device_authorization(
              clientId=client["clientId"], clientSecret="wrong", startUrl=start_url))
          == "InvalidClientException")
    check("StartDeviceAuthorization refuses another start URL",
          error_code(lambda: oidc.start_device_authorization(
              startUrl="https://other.awsapps.com/start", **creds)) == "InvalidRequestException")
    device = oidc.start_device_authorization(startUrl=start_url, **creds)
    check("StartDeviceAuthorization answers the codes, the page, expiresIn and interval",
          all(k in device for k in ("deviceCode", "userCode", "verificationUri",
                                    "verificationUriComplete", "expiresIn", "interval")))
    grant = dict(grantType="urn:ietf:params:oauth:grant-type:device_code",
                 deviceCode=device["deviceCode"], **creds)
    check("CreateToken before approval: AuthorizationPendingException",
          error_code(lambda: oidc.create_token(**grant)) == "AuthorizationPendingException")
    check("the device page approves the code", approve(device["verificationUriComplete"]))
    token = oidc.create_token(**grant)
    check("CreateToken after approval: a bearer token with expiresIn and a refresh token",
          token["tokenType"] == "Bearer" and token["expiresIn"] > 0 and "refreshToken" in token)
    check("the device code works once",
          error_code(lambda: oidc.create_token(**grant)) == "InvalidGrantException")
    refreshed = oidc.create_token(grantType="refresh_token", refreshToken=token["refreshToken"],
                                  **creds)
    check("CreateToken with the refresh token", refreshed["accessToken"] != token["accessToken"])
    check("a refresh token works once",
          error_code(lambda: oidc.create_token(grantType="refresh_token",
                                               refreshToken=token["refreshToken"], **creds))
          == "InvalidGrantException")
    denied = oidc.start_device_authorization(startUrl=start_url, **creds)
    approve(denied["verificationUriComplete"], "deny")
    check("a denied code: AccessDeniedException",
          error_code(lambda: oidc.create_token(
              grantType="urn:ietf:params:oauth:grant-type:device_code",
              deviceCode=denied["deviceCode"], **creds)) == "AccessDeniedException")

    access = refreshed["accessToken"]
    accounts = [a for page in portal.get_paginator("list_accounts").paginate(
        accessToken=access, PaginationConfig={"PageSize": 1}) for a in page["accountList"]]
    check("ListAccounts pages one account at a time to the end", len(accounts) >= 3, str(accounts))
    account = accounts[0]["accountId"]
    roles = [r for page in portal.get_paginator("list_account_roles").paginate(
        accessToken=access, accountId=account, PaginationConfig={"PageSize": 1})
             for r in page["roleList"]]
    check("ListAccountRoles pages the roles", len(roles) >= 1 and roles[0]["accountId"] == account)
    role = portal.get_role_credentials(accessToken=access, accountId=account,
                                       roleName=roles[0]["roleName"])["roleCredentials"]
    check("GetRoleCredentials: keys, token and an expiration in epoch milliseconds",
          role["accessKeyId"].startswith("ASIA") and role["expiration"] > 1e12)
    check("GetRoleCredentials with a bad token: UnauthorizedException",
          error_code(lambda: portal.get_role_credentials(
              accessToken="not-a-token", accountId=account, roleName=roles[0]["roleName"]))
          == "UnauthorizedException")
    check("GetRoleCredentials for a role not assigned: ResourceNotFoundException",
          error_code(lambda: portal.get_role_credentials(
              accessToken=access, accountId=account, roleName="NoSuchRole"))
          == "ResourceNotFoundException")
    sts = session.create_client("sts", region_name="us-east-1",
                                aws_access_key_id=role["accessKeyId"],
                                aws_secret_access_key=role["secretAccessKey"],
                                aws_session_token=role["sessionToken"])
    arn = sts.get_caller_identity()["Arn"]
    check("the role credentials work with STS", ":assumed-role/" in arn, arn)
    portal.logout(accessToken=access)
    check("Logout ends the token",
          error_code(lambda: portal.list_accounts(accessToken=access)) == "UnauthorizedException")


def run_login(start_url, region, session_name):
    from awscli.customizations.sso.utils import do_sso_login
    approved = []

    def on_pending(userCode, verificationUri, verificationUriComplete, **kwargs):
        approved.append(approve(verificationUriComplete))

    token = do_sso_login(botocore.session.Session(), region, start_url,
                         on_pending_authorization=on_pending,
                         registration_scopes=["sso:account:access"], session_name=session_name)
    check("aws sso login signed in through the device page", approved == [True] and
          bool(token.get("accessToken")))


def run_credentials(profile):
    session = botocore.session.Session(profile=profile)
    credentials = session.get_credentials().get_frozen_credentials()
    sts = session.create_client("sts", region_name="us-east-1",
                                aws_access_key_id=credentials.access_key,
                                aws_secret_access_key=credentials.secret_key,
                                aws_session_token=credentials.token)
    print(sts.get_caller_identity()["Arn"])


def run_sandbox_check(sandbox):
    """Starts the sandbox (poll interval 1 s, so slow_down and polling stay quick) and checks."""
    global ENDPOINT
    import subprocess
    server = subprocess.Popen([sandbox, "--port", "0", "--sso-poll-interval", "1"],
                              stdout=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline().strip()
        if not first.startswith("listening on http://127.0.0.1:"):
            check("the sandbox starts", False, repr(first))
            return
        ENDPOINT = first[len("listening on "):]
        run_check("https://sandbox-sso.awsapps.com/start")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    command = sys.argv[1]
    if command == "sandbox-check" and len(sys.argv) == 3:
        run_sandbox_check(sys.argv[2])
    elif command == "check" and len(sys.argv) == 4:
        run_check(sys.argv[3])
    elif command == "login" and len(sys.argv) == 6:
        run_login(sys.argv[3], sys.argv[4], sys.argv[5])
    elif command == "credentials" and len(sys.argv) == 4:
        run_credentials(sys.argv[3])
    else:
        print(__doc__)
        return 2
    if command in ("check", "sandbox-check"):
        print("botocore-sso-check: %d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
