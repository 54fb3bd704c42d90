import json
from pathlib import Path
from schemathesis import Case
from pipeline.contract import render_contract_project
from pipeline.parse import parse_spec
from pipeline.validate import conformance
from pipeline.validate.acceptance import served_project
import sys
name = sys.argv[1]
md = Path(f"examples/{name}.md").read_text()
fence = "```json" if "```json" in md else "```yaml"
text = md.split(fence)[1].split("```")[0]
import yaml
doc = yaml.safe_load(text)
orig = Case.call
def call(self, *a, **k):
    r = orig(self, *a, **k)
    if r.status_code >= 400 and r.status_code not in (404,):
        print("422", self.method, self.path, repr(self.body)[:300], r.status_code, r.text[:300])
    return r
Case.call = call
files = render_contract_project(parse_spec(md), doc).files
with served_project(files) as url:
    for r in conformance.run_contract_tests(doc, url):
        print(r.key, r.verdict)
