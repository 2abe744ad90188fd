export {
  type ConversationKey,
  type EndReason,
  type ResumedConversation,
  type SessionEndStats,
  SessionEndTracker,
  type SessionEndTrackerOptions,
} from './session-end-tracker.js';
export {
  SESSION_ENDED_QUEUE,
  sessionEndedKey,
  sessionEndedKeyOrUndefined,
  trackConversations,
} from './track-conversations.js';
