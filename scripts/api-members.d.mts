/** Types of scripts/api-members.mjs, for the tests that call it. */
export interface ApiMembers {
  /** Public member names of each exported class. */
  readonly public: Record<string, string[]>;
  /** Names on tspark's objects at run time that are not public API. */
  readonly hidden: string[];
}
export function apiMembers(root: string, entry?: string): ApiMembers;
export const API_MEMBERS_FILE: string;
