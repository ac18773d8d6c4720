// Whether a Neo4j password is too weak for production: Neo4j's own minimum (8 characters) let a
// production service start with 12345678. No npm package for this is among the project's
// dependencies, so the rule is here: a minimum length, one short piece repeated, and a list of the
// passwords that lead every published list of passwords found in breaches.
//
// The list: written for this project from the top entries that recur across the lists of
// passwords most found in breaches (the NCSC's "100,000 most used passwords" from Have I Been Pwned,
// 2019; SecLists' Common-Credentials; NordPass's yearly "most common passwords"), kept to those of 8
// characters or more, since shorter ones fail the length rule anyway. It is not a copy of any of
// them, and is meant to catch what people really type, not to be complete; the length rule does most.

/** Production's minimum: long enough that a password of one's own is rarely guessed. */
export const PRODUCTION_PASSWORD_MIN_LENGTH = 12;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "12345678", "123456789", "1234567890", "12345678910", "123123123", "987654321", "11111111", "00000000",
  "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "1qaz2wsx3edc", "zaq12wsx", "q1w2e3r4", "qwerty123", "qwertyuiop",
  "qwerty12345", "asdfghjkl", "asdfasdf", "zxcvbnm123", "password", "password1", "password12", "password123",
  "password1234", "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "iloveyou", "iloveyou1", "sunshine",
  "princess", "football", "baseball", "superman", "starwars", "whatever", "trustno1", "welcome1", "welcome123",
  "letmein1", "abc12345", "abcd1234", "aa123456", "changeme", "changeme123", "administrator", "admin123",
  "admin1234", "adminadmin", "default1", "computer", "internet", "michelle", "jennifer", "jordan23",
  "liverpool", "chocolate", "butterfly", "1234qwer", "qazwsxedc", "secret123", "master123", "dragon123",
  "monkey123", "shadow123", "test1234", "testtest", "passpass", "neo4jneo4j", "neo4jpassword", "neo4j123",
  "graphdatabase", "database", "database1", "llmgraph", "llmgraph-dev",
]);

/** One piece of at most this many characters repeated (aaaaaaaaaaaa, abcabcabcabc) is no password. */
const REPEATED_PIECE = 4;

/** Why `password` is too weak for production, or null. Never includes the password itself. */
export function weakPasswordReason(password: string, username: string): string | null {
  if (password.length < PRODUCTION_PASSWORD_MIN_LENGTH) return `is shorter than ${PRODUCTION_PASSWORD_MIN_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (new RegExp(`^(.{1,${REPEATED_PIECE}})\\1+$`, "su").test(lower)) return "is one short piece repeated";
  // A common password with digits or punctuation stuck before or after is as common ("Password123!").
  const core = lower.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, "");
  if (core === "") return "has only digits, punctuation and symbols";
  if (core === username.toLowerCase()) return "is the user name, give or take digits and punctuation";
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(core)) return "is a common password";
  return null;
}
