export {
  type BiAnswer,
  BiAnswerSchema,
  BulletsSectionSchema,
  type Cell,
  CellSchema,
  type ChartConfig,
  ChartConfigSchema,
  ChartSectionSchema,
  type FormatGuide,
  FormatGuideSchema,
  type FormatType,
  FormatTypeSchema,
  plainTextGuide,
  type Section,
  SectionSchema,
  StructureSchema,
  sectionsOf,
  TableSectionSchema,
  TextSectionSchema,
} from './format-guide.js';
export { type ParsedBiAnswer, parseBiAnswer } from './parse-bi-answer.js';
export { escapeHtml, type RenderTarget, renderFormatGuide } from './render-format-guide.js';
