import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENV_A, type GitopsFixture, runWaba, startFixture, WABA_A, WABA_B, writeEnvs } from "./support.ts";

const CHROMIUM = "/usr/bin/chromium";
const run = promisify(execFile);

/** Chromium's headless flags: no sandbox (containers), no network or updates, a throw-away profile. */
function chromiumArgs(profile: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    `--user-data-dir=${profile}`,
  ];
}

/** Width, height and the number of distinct bytes in the decompressed scanlines of a PNG. */
function pngStats(png: Buffer): { width: number; height: number; distinctBytes: number } {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  let offset = 8;
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  while (offset < png.length) {
    const len = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString("ascii");
    const data = png.subarray(offset + 8, offset + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, distinctBytes: new Set(raw).size };
}

describe("waba plan --format html in headless Chromium", () => {
  let f: GitopsFixture;
  let work: string;
  let html: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    // Prepare: env b selects every template and WABA B is empty, so every template is a create.
    f = await startFixture();
    writeEnvs(
      f.root,
      ENV_A,
      ENV_A.replace("name: a", "name: b")
        .replace(WABA_A, WABA_B)
        .replace(/templates:\n.*\n/, ""),
    );
    work = mkdtempSync(join(tmpdir(), "waba-html-"));
    html = join(work, "plan.html");
    const r = await runWaba([
      "plan",
      "--env",
      "b",
      "--config",
      f.root,
      "--endpoint",
      f.emu.url,
      "--format",
      "html",
      "--out",
      html,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  afterAll(async () => {
    await f?.cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("draws a non-blank screenshot", async () => {
    const png = join(work, "plan.png");
    await run(
      CHROMIUM,
      [...chromiumArgs(join(work, "profile-shot")), `--screenshot=${png}`, "--window-size=1280,2000", `file://${html}`],
      {
        timeout: 60_000,
      },
    );
    const stats = pngStats(readFileSync(png));
    expect(stats).toMatchObject({ width: 1280, height: 2000 });
    // A blank page inflates to a handful of distinct byte values; phones, text and badges give many.
    expect(stats.distinctBytes).toBeGreaterThan(64);
  });

  it("has every template's phone with header, body (examples substituted), footer, buttons and carousel cards", async () => {
    const { stdout: dom } = await run(
      CHROMIUM,
      [...chromiumArgs(join(work, "profile-dom")), "--dump-dom", `file://${html}`],
      {
        timeout: 60_000,
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    writeFileSync(join(work, "dom.html"), dom);
    const ids = [...dom.matchAll(/<section class="wa-template[^"]*" id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      "tpl-festival_flash_sale-en_US",
      "tpl-festival_flash_sale-hi",
      "tpl-login_otp-en_US",
      "tpl-login_otp-es_MX",
      "tpl-login_otp-hi",
      "tpl-login_otp-pt_BR",
      "tpl-new_arrivals_carousel-en_US",
      "tpl-new_arrivals_carousel-es_MX",
      "tpl-new_arrivals_carousel-pt_BR",
      "tpl-order_confirmation-en_US",
      "tpl-order_confirmation-es_MX",
      "tpl-order_confirmation-hi",
      "tpl-order_confirmation-pt_BR",
      "tpl-payment_reminder-hi",
      "tpl-shipping_update-en_US",
      "tpl-shipping_update-es_MX",
      "tpl-shipping_update-hi",
      "tpl-shipping_update-pt_BR",
    ]);
    const section = (id: string) =>
      dom.slice(dom.indexOf(`id="${id}"`), dom.indexOf("</section>", dom.indexOf(`id="${id}"`)));
    const order = section("tpl-order_confirmation-en_US");
    expect(order).toContain(
      '<div class="wa-body">Hi Priya, thanks for your order AR-10293. We will message you when it ships.</div>',
    );
    expect(order).toContain('<div class="wa-footer">Acme Retail</div>');
    expect(order).toMatch(
      /class="wa-button wa-button-url"[^>]*title="https:\/\/shop\.acme-retail\.example\/orders\/\{\{1\}\}"/,
    );
    const shipping = section("tpl-shipping_update-en_US");
    expect(shipping).toContain('<div class="wa-header wa-header-text">Your order is on its way</div>');
    expect(shipping.match(/wa-button-quick-reply/g)).toHaveLength(2);
    const sale = section("tpl-festival_flash_sale-en_US");
    expect(sale).toContain('data-format="IMAGE"');
    expect(sale).toContain('class="wa-lto"');
    expect(sale).toContain("take 30% off sarees and kurtas with code FEST30");
    const carousel = section("tpl-new_arrivals_carousel-en_US");
    expect(carousel).toContain('id="tpl-new_arrivals_carousel-en_US-card-0"');
    expect(carousel).toContain('id="tpl-new_arrivals_carousel-en_US-card-1"');
    expect(carousel).toContain("Handwoven sarees from Varanasi.");
    expect(section("tpl-login_otp-en_US")).toContain(
      "is your verification code. For your security, do not share this code.",
    );
  });
});
