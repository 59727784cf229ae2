/** Fixtures for business profile, commands and ice breakers (§3, §4). */
import { checkBusinessProfile, checkCommands, checkIceBreakers } from "../../../../../src/config/rules/index.ts";
import { type CaseGroup, type Doc, mut } from "../support.ts";

const profile: Doc = {
  about: "Succulents delivered across India 🌵",
  address: "12 MG Road, Bengaluru 560001",
  description: "Lucky Shrub sells hardy plants and pots, shipped in 2 days.",
  email: "help@luckyshrub.example",
  websites: ["https://luckyshrub.example", "http://blog.luckyshrub.example/care"],
  vertical: "RETAIL",
  profile_picture: "assets/logo.png",
  display_name: "Lucky Shrub",
  username: "lucky.shrub_in",
};

/** Business profile rules. */
export const profileGroup: CaseGroup = {
  name: "checkBusinessProfile",
  check: checkBusinessProfile,
  bases: [profile, {}],
  cases: [
    {
      code: "profile.about.length",
      note: "140 chars",
      fail: mut(profile, (d) => (d.about = "a".repeat(140))),
      pass: mut(profile, (d) => (d.about = "a".repeat(139))),
    },
    { code: "profile.about.length", note: "empty", fail: mut(profile, (d) => (d.about = "")) },
    {
      code: "profile.about.markdown",
      note: "bold",
      fail: mut(profile, (d) => (d.about = "We are *the best* plant shop")),
    },
    {
      code: "profile.about.markdown",
      note: "link",
      fail: mut(profile, (d) => (d.about = "See https://luckyshrub.example")),
    },
    { code: "profile.address.length", note: "257 chars", fail: mut(profile, (d) => (d.address = "a".repeat(257))) },
    {
      code: "profile.description.length",
      note: "513 chars",
      fail: mut(profile, (d) => (d.description = "d".repeat(513))),
      pass: mut(profile, (d) => (d.description = "d".repeat(512))),
    },
    {
      code: "profile.email.length",
      note: "129 chars",
      fail: mut(profile, (d) => (d.email = `${"e".repeat(117)}@example.com`)),
    },
    { code: "profile.email.format", note: "no domain", fail: mut(profile, (d) => (d.email = "help@")) },
    {
      code: "profile.websites.count",
      note: "3 sites",
      fail: mut(profile, (d) => d.websites.push("https://c.example")),
    },
    {
      code: "profile.websites.length",
      note: "257 chars",
      fail: mut(profile, (d) => (d.websites[0] = `https://x.example/${"p".repeat(239)}`)),
    },
    {
      code: "profile.websites.scheme",
      note: "no scheme",
      fail: mut(profile, (d) => (d.websites[0] = "luckyshrub.example")),
    },
    { code: "profile.vertical.enum", note: "SHOP", fail: mut(profile, (d) => (d.vertical = "SHOP")) },
    { code: "profile.vertical.read_only", note: "UNDEFINED", fail: mut(profile, (d) => (d.vertical = "UNDEFINED")) },
    {
      code: "profile.display_name.format",
      note: "ALL CAPS",
      fail: mut(profile, (d) => (d.display_name = "LUCKY SHRUB")),
      pass: mut(profile, (d) => (d.display_name = "LSR Plants")),
    },
    {
      code: "profile.display_name.format",
      note: "trademark and emoji",
      fail: mut(profile, (d) => (d.display_name = "Lucky Shrub™ 🌵")),
    },
    {
      code: "profile.display_name.format",
      note: "URL form",
      fail: mut(profile, (d) => (d.display_name = "luckyshrub.com")),
    },
    { code: "profile.username.format", note: "double dot", fail: mut(profile, (d) => (d.username = "lucky..shrub")) },
    {
      code: "profile.username.format",
      note: "domain ending",
      fail: mut(profile, (d) => (d.username = "luckyshrub.in")),
    },
    {
      code: "profile.username.format",
      note: "starts with www",
      fail: mut(profile, (d) => (d.username = "wwwluckyshrub")),
    },
    { code: "profile.username.format", note: "digits only", fail: mut(profile, (d) => (d.username = "12345")) },
    {
      code: "profile.profile_picture.format",
      note: "gif",
      fail: mut(profile, (d) => (d.profile_picture = "assets/logo.gif")),
    },
    {
      code: "profile.profile_picture.format",
      note: "handle given as URL",
      fail: mut(profile, (d) => (d.profile_picture_handle = "https://x/y.png")),
    },
  ],
};

const commands: Doc = [
  { command_name: "orders", command_description: "See your recent orders" },
  { command_name: "help", command_description: "Talk to our team" },
];

/** Command rules. */
export const commandsGroup: CaseGroup = {
  name: "checkCommands",
  check: checkCommands,
  bases: [commands, []],
  cases: [
    {
      code: "automation.commands.count",
      note: "31 commands",
      fail: Array.from({ length: 31 }, (_, i) => ({ command_name: `c${i}`, command_description: "d" })),
      pass: Array.from({ length: 30 }, (_, i) => ({ command_name: `c${i}`, command_description: "d" })),
    },
    {
      code: "automation.commands.name.length",
      note: "33 chars",
      fail: mut(commands, (d) => (d[0].command_name = "c".repeat(33))),
    },
    { code: "automation.commands.name.length", note: "missing", fail: mut(commands, (d) => delete d[0].command_name) },
    {
      code: "automation.commands.name.emoji",
      note: "emoji",
      fail: mut(commands, (d) => (d[0].command_name = "orders📦")),
    },
    {
      code: "automation.commands.description.length",
      note: "257 chars",
      fail: mut(commands, (d) => (d[0].command_description = "d".repeat(257))),
    },
    {
      code: "automation.commands.description.emoji",
      note: "emoji",
      fail: mut(commands, (d) => (d[0].command_description = "Orders 📦")),
    },
  ],
};

const iceBreakers: Doc = ["Where is my order?", "Show me new plants", { title: "Talk to a person" }];

/** Ice breaker rules. */
export const iceBreakersGroup: CaseGroup = {
  name: "checkIceBreakers",
  check: checkIceBreakers,
  bases: [iceBreakers],
  cases: [
    {
      code: "automation.ice_breakers.count",
      note: "5 prompts",
      fail: ["a", "b", "c", "d", "e"],
      pass: ["a", "b", "c", "d"],
    },
    {
      code: "automation.ice_breakers.length",
      note: "81 chars",
      fail: mut(iceBreakers, (d) => (d[0] = "i".repeat(81))),
      pass: mut(iceBreakers, (d) => (d[0] = "i".repeat(80))),
    },
    { code: "automation.ice_breakers.length", note: "empty title", fail: mut(iceBreakers, (d) => (d[2].title = "")) },
    {
      code: "automation.ice_breakers.emoji",
      note: "emoji",
      fail: mut(iceBreakers, (d) => (d[1] = "Show me new plants 🌵")),
    },
  ],
};
