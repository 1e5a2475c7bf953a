/** The log view's pure core: bytes to lines, the bounded buffer, timestamps, resume, search, safe display, the feed. */
export { LineSplitter, type LineSink } from './lines.js';
export { LineBuffer, DEFAULT_LOG_BUFFER, type LogLine } from './buffer.js';
export { splitTimestamp, stampOf, compareTimes, sinceTimeOf, type LogTime, type Stamped } from './timestamps.js';
export { ResumePoint } from './resume.js';
export { searchQuery, matchRanges, findMatch, matchCount, MatchCounter, type SearchQuery } from './search.js';
export { displayText, expandTabs, sgrSegments, segmentsText, type Segment, type SgrStyle } from './display.js';
export { explainLogFailure, isFinalLogFailure, whereLogsAllowed, type LogFailureContext, type LogAccessDeps } from './failures.js';
export { LogFeed, type LogFeedDeps, type LogFeedTarget, type LogFeedStatus, type LogFeedListener } from './feed.js';
export {
  initialLogView,
  visibleRows,
  firstShown,
  shownText,
  unseenCount,
  scrollBy,
  toStart,
  toEnd,
  toggleFollow,
  search as searchLog,
  nextMatch,
  type LogViewState,
  type LogRow,
} from './view.js';
export { containerChoices, containerNow, onlyContainer, type ContainerChoice, type ContainerNow } from './containers.js';
