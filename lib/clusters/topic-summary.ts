export interface TopicSummary {
  name: string;
  partitions: number;
  replicationFactor: number;
  underReplicated: number;
  internal: boolean;
}

export interface TopicPage {
  total: number;
  matched: number;
  topics: TopicSummary[];
}
