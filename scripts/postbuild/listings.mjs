// Writes into the development build (`make serve`) what publishing derives from the
// articles: the feed pages, the related lists, and each article naming its list
// (`khabar-content listings`, src/content/listings.rs). A release build gets them from
// `make publish`, which `make build` runs after Trunk, with its pages.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Broken } from "./build.mjs";

/** The editors' folder that index.html copies into the build (`copy-dir`). */
const CONTENT = "content";

/** @param {import("./build.mjs").Build} build */
export default function listings(build) {
  const cargo = process.env.CARGO ?? "cargo";
  const args = ["run", "--quiet", "--offline", "--features", "cli", "--bin", "khabar-content", "--",
    "listings", CONTENT, join(build.dir, CONTENT)];
  const run = spawnSync(cargo, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (run.error) throw new Broken(`${cargo} could not be run: ${run.error.message}`);
  if (run.status !== 0) {
    throw new Broken(`the content folder ${CONTENT}/ has a problem (above: the validator's messages), so the app has no feeds:\n${run.stdout}`);
  }
  build.log(run.stdout.trim());
}
