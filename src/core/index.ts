// The sizing core's public API. Pure: plain data in, plain data out (no React, DOM, network, clock or randomness).
export {
  answersSchema,
  answersShape,
  DEFAULT_ANSWERS,
  ANSWER_FIELDS,
  fieldError,
  type Answers,
  type AnswerField,
} from './answers';
export {
  catalogSchema,
  instanceSchema,
  parseCatalog,
  visibleMemoryMib,
  type Catalog,
  type Instance,
  type CatalogResult,
} from './catalog';
export { recommend, tradeoffSeries, RULES_VERSION, type Recommendation } from './recommend';
export { decodePermalink, encodePermalink, CURRENT_LINK_VERSION, type DecodedLink } from './permalink';
export type { Reasoned } from './reasoned';
export type { GunicornPlan, WorkerClass } from './gunicorn';
export type { Evaluation, Alternative, Choice, CpuFit } from './instance';
export type { MemoryBudget, MemoryItem } from './memory';
export type { LatencyEstimate } from './latency';
export type { TradeoffSeries, TradeoffPoint } from './tradeoff';
export type { Warning, Severity } from './warnings';
export type { Trigger } from './triggers';
export type { GuideComparison } from './guide';
export type { LoadTest } from './loadtest';
// Config generators (gunicorn.conf.py, nginx site, Caddyfile, systemd units): pure text from a Recommendation.
export { generateAll, type GeneratedFile } from './generators/bundle';
export { generateGunicornConf } from './generators/gunicornConf';
export { generateNginxSite } from './generators/nginx';
export { generateCaddyfile } from './generators/caddy';
export { generateGunicornSocket, generateGunicornService, generateCeleryService } from './generators/systemd';
export {
  productionTarget,
  safePermalink,
  deployTargetSchema,
  type DeployTarget,
  type TlsMode,
  type CaddyAdmin,
} from './generators/target';
export {
  NGINX_VERSIONS,
  CADDY_VERSIONS,
  DEBIAN_VERSIONS,
  type ServerVersions,
  type NginxVersion,
  type CaddyVersion,
} from './generators/serverVersions';
