/**
 * Business profile answers: "info", "hours", "address"… are answered from the declared profile's `info_reply` and
 * fields, with today's opening state computed in the profile's time zone.
 */
import type { BusinessProfile, OpeningInterval } from "../../../../schemas/generated/business-profile.ts";

/** What a user asked about. */
export type InfoTopic = "info" | "hours" | "address" | "contact";

const TOPICS: Record<string, InfoTopic> = {
  info: "info",
  information: "info",
  about: "info",
  "business info": "info",
  hours: "hours",
  "opening hours": "hours",
  "open hours": "hours",
  timings: "hours",
  address: "address",
  location: "address",
  "where are you": "address",
  contact: "contact",
  email: "contact",
  website: "contact",
};

/** The info topic a text asks about, if it is a profile request (whole message, case-insensitive, `?` ignored). */
export function infoTopicOf(text: string): InfoTopic | undefined {
  return TOPICS[
    text
      .trim()
      .toLowerCase()
      .replace(/[?!.]+$/, "")
  ];
}

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

function localNow(timezone: string, at: number): { day: (typeof DAYS)[number]; minutes: number } | undefined {
  try {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(at));
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
    const day = get("weekday").toLowerCase().slice(0, 3) as (typeof DAYS)[number];
    return { day, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
  } catch {
    return undefined;
  }
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(":");
  return Number(h) * 60 + Number(m);
};

/** Whether the business is open at `at` per `hours` (undefined when no hours are declared or the zone is bad). */
export function isOpenAt(profile: BusinessProfile, at: number): boolean | undefined {
  const h = profile.hours;
  if (h === undefined) return undefined;
  const now = localNow(h.timezone, at);
  if (now === undefined) return undefined;
  const today: OpeningInterval[] = h[now.day] ?? [];
  return today.some((i) => toMinutes(i.open) <= now.minutes && now.minutes < toMinutes(i.close));
}

function hoursLines(profile: BusinessProfile): string[] {
  const h = profile.hours;
  if (h === undefined) return [];
  const names: Record<string, string> = {
    mon: "Mon",
    tue: "Tue",
    wed: "Wed",
    thu: "Thu",
    fri: "Fri",
    sat: "Sat",
    sun: "Sun",
  };
  return (["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const).map((d) => {
    const list = h[d] ?? [];
    return `${names[d]}: ${list.length === 0 ? "closed" : list.map((i) => `${i.open}–${i.close}`).join(", ")}`;
  });
}

/** The reply text for a profile request. */
export function profileReply(profile: BusinessProfile, topic: InfoTopic, at: number): string {
  const lines: string[] = [];
  if (topic === "address" && profile.address !== undefined) lines.push(profile.address);
  else if (topic === "contact" && (profile.email !== undefined || (profile.websites ?? []).length > 0)) {
    if (profile.email !== undefined) lines.push(profile.email);
    lines.push(...(profile.websites ?? []));
  } else if (topic === "hours" && profile.hours !== undefined) {
    if (profile.info_reply !== undefined) lines.push(profile.info_reply);
    else lines.push(...hoursLines(profile), `(${profile.hours.timezone})`);
  } else if (profile.info_reply !== undefined) lines.push(profile.info_reply);
  else {
    if (profile.about !== undefined) lines.push(profile.about);
    if (profile.address !== undefined) lines.push(profile.address);
    if (profile.email !== undefined) lines.push(profile.email);
    lines.push(...(profile.websites ?? []), ...hoursLines(profile));
  }
  if (isOpenAt(profile, at) === false && profile.hours?.closed_message !== undefined)
    lines.push(profile.hours.closed_message);
  const text = lines.join("\n").trim();
  return text === "" ? "Sorry, we have no business information to share yet." : text.slice(0, 4096);
}
