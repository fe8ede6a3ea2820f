/**
 * Warnings on an answer to a resident (the `reply` action):
 * - forbidden deflections — "不知道", "不清楚", "办不了", "不归我们管" (FIRSTASK-3, 004 第四条); the editor
 *   warning is ours;
 * - the first answer to a service complaint apologises on behalf of the company (HANDLE-4, 003 5.(2)).
 *
 * A warning never blocks silently: the reply goes out once the writer gives a reason for overriding it
 * (`warningOverrideReason`), which the timeline keeps.
 */

/**
 * The deflections looked for, each with the variants staff actually write. The first four are the words of
 * 004 第四条; the rest are close variants of the same brush-off (ours). Matching is on the text with spaces
 * removed and common Traditional characters folded to Simplified.
 */
export const DEFLECTION_PHRASES: readonly { phrase: string; pattern: RegExp }[] = [
  { phrase: '不知道', pattern: /不知道/ },
  { phrase: '不清楚', pattern: /不清楚/ },
  { phrase: '办不了', pattern: /办不了|没法办|办不到/ },
  // 不归我们管, 不归我管, 不归咱们管, 不归物业管, 不归本部门管
  { phrase: '不归我们管', pattern: /不归(?:我们|我|咱们|咱|物业|本部门|我们部门|我们物业)管/ },
  // 不是我们的事, 不属于我们的责任, 不是我们管的
  {
    phrase: '不是我们管的',
    pattern: /不(?:是|属于)(?:我们|我|咱们|物业|本部门)(?:的)?(?:事|责任|范围|管辖|管的|负责的)/,
  },
  { phrase: '不关我们的事', pattern: /不关(?:我们|我|咱们|物业)(?:的)?事/ },
  { phrase: '没办法', pattern: /没(?:有)?办法/ },
  { phrase: '管不了', pattern: /管不了|管不着/ },
];

/**
 * Polite turns that contain a deflection word but are not one, removed before matching:
 * "如有不清楚的地方请致电…" (if anything is unclear), "不知道您是否方便…" (I wonder whether you are free).
 */
const POLITE_TURNS: readonly RegExp[] = [
  /(?:如|若|如果|倘若)?(?:您|你)?(?:还|仍)?有(?:任何|什么)?不清楚/g,
  /不知道?(?:您|你)[^，。！？,.!?；;]{0,8}?(?:是否|什么时候|何时|方便|能否|可否|有没有|有空)/g,
];

/** An apology on behalf of the company (HANDLE-4): 抱歉 / 对不起 / 致歉 / 道歉 / 歉意. */
export const APOLOGY_WORDS: readonly string[] = ['抱歉', '对不起', '致歉', '道歉', '歉意'];

const TRADITIONAL_TO_SIMPLIFIED: Readonly<Record<string, string>> = {
  歸: '归',
  們: '们',
  辦: '办',
  沒: '没',
  關: '关',
  屬: '属',
  責: '责',
  範: '范',
  圍: '围',
  對: '对',
  於: '于',
  這: '这',
  個: '个',
  業: '业',
  門: '门',
  轄: '辖',
  負: '负',
};

/** Spaces removed, Traditional characters folded, so "不 归 我们管" and "不歸我們管" match too. */
export function normaliseReplyText(text: string): string {
  return Array.from(text.replace(/[\s\u3000]+/g, ''))
    .map((char) => TRADITIONAL_TO_SIMPLIFIED[char] ?? char)
    .join('');
}

/** The deflection phrases found in `text`, in list order, each once. */
export function findDeflections(text: string): string[] {
  let normalised = normaliseReplyText(text);
  for (const turn of POLITE_TURNS) normalised = normalised.replace(turn, '');
  return DEFLECTION_PHRASES.filter(({ pattern }) => pattern.test(normalised)).map(({ phrase }) => phrase);
}

export function hasApology(text: string): boolean {
  const normalised = normaliseReplyText(text);
  return APOLOGY_WORDS.some((word) => normalised.includes(word));
}

export type ReplyWarning = { code: 'deflection'; phrase: string } | { code: 'apology_missing' };

export interface ReplyCheckInput {
  message: string;
  /** a complaint about service (an employee's attitude or timeliness) */
  serviceComplaint: boolean;
  /** true when no reply has been sent on this case yet */
  firstReply: boolean;
}

/** The warnings the reply editor shows; empty when the answer is fine. */
export function checkReply(input: ReplyCheckInput): ReplyWarning[] {
  const warnings: ReplyWarning[] = findDeflections(input.message).map((phrase) => ({
    code: 'deflection' as const,
    phrase,
  }));
  if (input.serviceComplaint && input.firstReply && !hasApology(input.message)) {
    warnings.push({ code: 'apology_missing' });
  }
  return warnings;
}

/** A reply with warnings is sent only with a non-blank reason for overriding them. */
export function replyOverrideMissing(
  warnings: readonly ReplyWarning[],
  overrideReason: string | null | undefined,
): boolean {
  return warnings.length > 0 && !overrideReason?.trim();
}
