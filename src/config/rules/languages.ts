/**
 * Meta's template language codes, as captured in whatsapp-rules.md §1.1 (M-LANG, page of 21 May 2026).
 * The reference notes the tail of Meta's 2026 regional additions was not captured, so a well-formed
 * `ll_RR` code missing here is only a warning; refresh this list from Meta's "Supported languages" page.
 */
export const META_LANGUAGES: ReadonlySet<string> = new Set([
  // base list
  "af",
  "sq",
  "ar",
  "az",
  "bn",
  "bg",
  "ca",
  "zh_CN",
  "zh_HK",
  "zh_TW",
  "hr",
  "cs",
  "da",
  "nl",
  "en",
  "en_GB",
  "en_US",
  "et",
  "fil",
  "fi",
  "fr",
  "ka",
  "de",
  "el",
  "gu",
  "ha",
  "he",
  "hi",
  "hu",
  "id",
  "ga",
  "it",
  "ja",
  "kn",
  "kk",
  "rw_RW",
  "ko",
  "ky_KG",
  "lo",
  "lv",
  "lt",
  "mk",
  "ms",
  "ml",
  "mr",
  "nb",
  "fa",
  "pl",
  "pt_BR",
  "pt_PT",
  "pa",
  "ro",
  "ru",
  "sr",
  "sk",
  "sl",
  "es",
  "es_AR",
  "es_ES",
  "es_MX",
  "sw",
  "sv",
  "ta",
  "te",
  "th",
  "tr",
  "uk",
  "ur",
  "uz",
  "vi",
  "zu",
  // 2026 regional additions (captured part)
  "ar_EG",
  "ar_AE",
  "ar_LB",
  "ar_MA",
  "ar_QA",
  "be_BY",
  "bn_IN",
  "nl_BE",
  "en_AE",
  "en_AU",
  "en_CA",
  "en_GH",
  "en_IE",
  "en_IN",
  "en_JM",
  "en_MY",
  "en_NZ",
  "en_QA",
  "en_SG",
  "en_UG",
  "en_ZA",
  "fr_BE",
  "fr_CA",
  "fr_CH",
  "fr_CI",
  "fr_MA",
  "de_AT",
  "de_CH",
  "prs_AF",
]);

const WELL_FORMED = /^[a-z]{2,3}(?:_[A-Z]{2})?$/;
const LOOSE = /^([A-Za-z]{2,3})(?:[-_ ]([A-Za-z]{2}))?$/;

/** How a language code relates to Meta's list. */
export type LanguageVerdict =
  | { kind: "listed" }
  | { kind: "malformed"; suggestion: string | undefined }
  | { kind: "unlisted_region" }
  | { kind: "unknown"; suggestions: string[] };

/** Classifies a language code against Meta's list. */
export function classifyLanguage(code: string): LanguageVerdict {
  if (META_LANGUAGES.has(code)) return { kind: "listed" };
  if (!WELL_FORMED.test(code)) {
    const m = LOOSE.exec(code);
    const fixed =
      m === null ? undefined : `${m[1]!.toLowerCase()}${m[2] === undefined ? "" : `_${m[2].toUpperCase()}`}`;
    return { kind: "malformed", suggestion: fixed !== undefined && WELL_FORMED.test(fixed) ? fixed : undefined };
  }
  if (code.includes("_")) return { kind: "unlisted_region" };
  const suggestions = [...META_LANGUAGES].filter((l) => l.startsWith(`${code}_`));
  return { kind: "unknown", suggestions };
}
