// Parses each Terraform file given with HashiCorp's HCL parser (@cdktf/hcl2json: hcl/v2
// compiled to WebAssembly); exits 1 when one does not parse. The package's folder comes from
// HCL2JSON_DIR (scripts/install-hcl2json puts it under build/tools/hcl2json).
const path = require("path");
const fs = require("fs");
const { parse } = require(path.join(process.env.HCL2JSON_DIR, "node_modules/@cdktf/hcl2json"));
(async () => {
    let failed = 0;
    for (const file of process.argv.slice(2)) {
        try {
            const json = await parse(path.basename(file), fs.readFileSync(file, "utf8"));
            const kinds = Object.keys(json.resource || {});
            console.log(`parsed ${file}: ${(json.import || []).length} import blocks, resources ${kinds.join(", ")}`);
        } catch (e) {
            failed++;
            console.error(`FAIL ${file}: ${e.message || e}`);
        }
    }
    process.exit(failed ? 1 : 0);
})();
