// The validation code (zod, the answers schema, the permalink codec) as one lazy chunk: the first screen renders
// from the zod-free defaults and question texts, and this loads right after (or first, when the URL carries a
// permalink that must be decoded before anything is shown). Keeps the first screen under 90 KB gzip.
export { answersSchema } from '../core/answers';
export { addressQuery, decodePermalink, encodePermalink } from '../core/permalink';
export { zodResolver } from '@hookform/resolvers/zod';
export { checkAnswers, sameAnswers } from '../core/checkAnswers';
export { QUESTIONS } from '../core/allQuestions';
