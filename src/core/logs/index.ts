// Access-log import: parsers per format, detection, and the streaming summariser (README "Import an access log").
export { LOG_FORMATS, FORMAT_LABELS, type LogFormat } from './types';
export { detectFormat, looksBinary } from './detect';
export {
  createSummariser,
  summariseText,
  DEFAULT_STATIC_PREFIXES,
  type LogSummary,
  type LogSummariser,
  type SummaryOptions,
} from './summary';
export type { HistogramBar } from './histogram';
export type { RateFigures } from './rates';
