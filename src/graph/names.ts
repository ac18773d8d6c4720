// Chinese names checked by machine, and the normalised forms search matches against.
//
// Every entity carries a Simplified and a Traditional name typed by hand; a Simplified character
// left in the Traditional name (云 for 雲) is invisible to a reader and makes search in one script
// miss. OpenCC converts whole names, so its phrase dictionaries keep what single characters would
// get wrong (阿里巴巴 stays 阿里巴巴, 皇后 stays 皇后, 後發制人 keeps 制).
//
// Search normalises names and queries the same way (lower case, Simplified, no diacritics, toneless
// pinyin), so a query in either script or in pinyin, with or without tones and spaces, lands on the
// same key.
import { Converter } from "opencc-js";
import { pinyin } from "pinyin-pro";

const toSimplified = Converter({ from: "t", to: "cn" });
const toTraditional = Converter({ from: "cn", to: "t" });

const HAN = /\p{Script=Han}/u;

export interface ScriptException {
  char: string;
  reason: string;
}

/**
 * What is wrong with an entity's Chinese names, one message per problem (empty when none):
 * nameZhHans must be exactly the Simplified form of nameZhHant, and nameZhHant must hold no
 * Simplified-only character unless `scriptExceptions` lists it (a person's own spelling, say 杰 in
 * 閆俊杰, which OpenCC would turn into 傑).
 */
export function nameProblems(entity: { nameZhHans: string; nameZhHant: string; scriptExceptions?: ScriptException[] }): string[] {
  const { nameZhHans, nameZhHant } = entity;
  const problems: string[] = [];
  const expectedHans = toSimplified(nameZhHant);
  if (nameZhHans !== expectedHans) {
    problems.push(`nameZhHans '${nameZhHans}' is not the Simplified form of nameZhHant '${nameZhHant}' (expected '${expectedHans}')`);
  }

  const excepted = new Set((entity.scriptExceptions ?? []).map((e) => e.char));
  // Code points, not UTF-16 units, so a character outside the BMP is one character.
  const hant = [...nameZhHant];
  const traditional = [...toTraditional(nameZhHant)];
  if (hant.length !== traditional.length) {
    // Never seen with these converters; comparing position by position would blame the wrong characters.
    problems.push(`nameZhHant '${nameZhHant}' could not be checked character by character (its Traditional form '${traditional.join("")}' has a different length)`);
  } else {
    const reported = new Set<string>();
    hant.forEach((char, i) => {
      const expected = traditional[i]!;
      if (expected === char || excepted.has(char) || reported.has(char)) return;
      reported.add(char);
      problems.push(`nameZhHant '${nameZhHant}' has the Simplified-only character '${char}' (Traditional: '${expected}')`);
    });
  }

  // An exception for a character the name no longer has would silently excuse a future mistake.
  for (const { char } of entity.scriptExceptions ?? []) {
    if (!hant.includes(char)) problems.push(`scriptExceptions lists '${char}', which nameZhHant '${nameZhHant}' does not contain`);
  }
  return problems;
}

/** An entity's properties without scriptExceptions: they justify the file's spelling, they are not
 *  facts about the entity (and a list of maps cannot be a Neo4j property). */
export function withoutScriptExceptions<T extends object>(entity: T): Omit<T, "scriptExceptions"> {
  const stored: T & { scriptExceptions?: unknown } = { ...entity };
  delete stored.scriptExceptions;
  return stored;
}

/** Pinyin with tone marks for display: 智谱AI → "zhì pǔ AI". Non-Chinese runs are kept as they are. */
export function pinyinOf(hans: string): string {
  return collapseSpaces(pinyin(hans, { nonZh: "consecutive" }));
}

/**
 * The normalised forms an entity is found by, deduplicated and sorted: each name and alias in lower
 * case, Simplified and without diacritics; for each one with Chinese characters its toneless pinyin
 * with and without spaces; for each Latin one with spaces, the same without them.
 */
export function searchKeys(entity: { name: string; nameZhHans: string; nameZhHant: string; aliases: string[] }): string[] {
  const keys = new Set<string>();
  for (const raw of [entity.name, entity.nameZhHans, entity.nameZhHant, ...entity.aliases]) {
    const form = normalise(raw);
    if (!form) continue;
    keys.add(form);
    if (HAN.test(form)) for (const key of pinyinKeys(form)) keys.add(key);
    else if (/\s/.test(form)) keys.add(form.replace(/\s+/g, ""));
  }
  return [...keys].sort();
}

/** A user's query normalised as searchKeys normalises names, so equal keys mean the same name. */
export function queryKeys(text: string): string[] {
  const form = normalise(text);
  if (!form) return [];
  const keys = new Set([form, form.replace(/\s+/g, "")]);
  if (HAN.test(form)) for (const key of pinyinKeys(form)) keys.add(key);
  return [...keys];
}

/** Lower case, Simplified, diacritics stripped ("Zhìpǔ" → "zhipu"), spaces collapsed. */
function normalise(text: string): string {
  return collapseSpaces(stripDiacritics(toSimplified(text.trim().toLowerCase())));
}

/** Toneless pinyin of a normalised form, with and without spaces: 智谱ai → "zhi pu ai", "zhipuai". */
function pinyinKeys(form: string): string[] {
  // Lower-cased and stripped again: pinyin-pro writes ü even without tones.
  const spaced = collapseSpaces(stripDiacritics(pinyin(form, { toneType: "none", nonZh: "consecutive" }).toLowerCase()));
  return [spaced, spaced.replace(/\s+/g, "")];
}

function stripDiacritics(text: string): string {
  // NFC afterwards, so a character that only decomposes (not a Latin letter with a mark) comes back whole.
  return text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** True when an evidence span names the entity by its English name, either Chinese name or an alias,
 *  in either script and any letter case (the article mixes scripts: 阿里云 for 阿里雲). */
export function namesEntity(
  evidence: string,
  entity: { name: string; nameZhHans: string; nameZhHant: string; aliases: string[] },
): boolean {
  const fold = (text: string) => toSimplified(text).toLowerCase();
  const span = fold(evidence);
  return [entity.name, entity.nameZhHans, entity.nameZhHant, ...entity.aliases].some((name) => span.includes(fold(name)));
}
