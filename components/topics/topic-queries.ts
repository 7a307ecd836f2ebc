"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TopicPage, TopicSort } from "@/lib/clusters/topic-summary";
import { ActionFailedError, unwrap } from "@/lib/errors/action-result";
import type { TopicConsumerGroups } from "@/lib/topics/consumer-lag";
import type { CreateTopicInput } from "@/lib/topics/create-topic-schema";
import type { TopicDetail } from "@/lib/topics/topic-detail";
import type { AddPartitionsInput, AlterTopicConfigInput, DeleteTopicInput } from "@/lib/topics/topic-detail-schema";
import { addPartitionsAction, alterTopicConfigAction, createTopicAction, deleteRecordsAction, deleteTopicAction, previewDeleteRecordsAction } from "@/server/actions/topic-actions";
import type { DeleteRecordsInput } from "@/lib/topics/delete-records";
import { clusterKeys } from "@/components/clusters/cluster-queries";
import { fetchJson } from "@/components/ui/fetch-json";

export const topicKeys = {
  all: (clusterId: string) => [...clusterKeys.all, "topics", clusterId] as const,
  lists: (clusterId: string) => [...topicKeys.all(clusterId), "list"] as const,
  list: (clusterId: string, query: TopicListQuery) => [...topicKeys.lists(clusterId), query] as const,
  detail: (clusterId: string, topic: string) => [...topicKeys.all(clusterId), "detail", topic] as const,
  groups: (clusterId: string, topic: string) => [...topicKeys.all(clusterId), "groups", topic] as const,
};

export const TOPIC_REFRESH_MS = 10_000;

const topicUrl = (clusterId: string, topic: string) => `/api/clusters/${clusterId}/topics/${encodeURIComponent(topic)}`;

/** Keeps refreshing, also while the cluster is unreachable, but not once the topic is gone. */
function refreshUnlessGone(query: { state: { error: Error | null } }): number | false {
  const e = query.state.error;
  return e instanceof ActionFailedError && e.code === "NOT_FOUND" ? false : TOPIC_REFRESH_MS;
}

export interface TopicListQuery {
  q: string;
  regex: boolean;
  internal: boolean;
  sort: TopicSort;
  desc: boolean;
  page: number;
}

export const TOPIC_PAGE_SIZE = 50;

export function topicListUrl(clusterId: string, query: TopicListQuery): string {
  const p = new URLSearchParams({
    q: query.q,
    regex: String(query.regex),
    internal: String(query.internal),
    sort: query.sort,
    desc: String(query.desc),
    page: String(query.page),
    pageSize: String(TOPIC_PAGE_SIZE),
  });
  return `/api/clusters/${clusterId}/topics?${p}`;
}

/** One page of the topic list, searched, sorted and paged on the server. `initialData`: the server-rendered first page. */
export function useTopicsQuery(clusterId: string, query: TopicListQuery, initialData?: TopicPage | null) {
  return useQuery({
    queryKey: topicKeys.list(clusterId, query),
    queryFn: ({ signal }) => fetchJson<TopicPage>(topicListUrl(clusterId, query), signal),
    placeholderData: keepPreviousData,
    refetchInterval: TOPIC_REFRESH_MS,
    initialData: initialData ?? undefined,
    // The server-rendered rows come without counts: fetch the full page right away.
    initialDataUpdatedAt: 0,
  });
}

export function useTopicDetailQuery(clusterId: string, topic: string) {
  return useQuery({
    queryKey: topicKeys.detail(clusterId, topic),
    queryFn: ({ signal }) => fetchJson<TopicDetail>(topicUrl(clusterId, topic), signal),
    refetchInterval: refreshUnlessGone,
  });
}

export function useTopicGroupsQuery(clusterId: string, topic: string) {
  return useQuery({
    queryKey: topicKeys.groups(clusterId, topic),
    queryFn: ({ signal }) => fetchJson<TopicConsumerGroups>(`${topicUrl(clusterId, topic)}/groups`, signal),
    refetchInterval: refreshUnlessGone,
  });
}

/** The topic list and the cluster's counts change with topics and partitions. */
function useInvalidateTopicList() {
  const qc = useQueryClient();
  return (clusterId: string) =>
    Promise.all([qc.invalidateQueries({ queryKey: topicKeys.lists(clusterId) }), qc.invalidateQueries({ queryKey: clusterKeys.overview(clusterId) })]);
}

export function useCreateTopicMutation() {
  const invalidateList = useInvalidateTopicList();
  return useMutation({
    mutationFn: async (input: CreateTopicInput) => unwrap(await createTopicAction(input)),
    onSuccess: (_, input) => invalidateList(input.clusterId),
  });
}

export function useAlterTopicConfigMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: AlterTopicConfigInput) => unwrap(await alterTopicConfigAction(input)),
    onSuccess: (_, input) => qc.invalidateQueries({ queryKey: topicKeys.detail(input.clusterId, input.topic) }),
  });
}

export function useAddPartitionsMutation() {
  const qc = useQueryClient();
  const invalidateList = useInvalidateTopicList();
  return useMutation({
    mutationFn: async (input: AddPartitionsInput) => unwrap(await addPartitionsAction(input)),
    onSuccess: (_, input) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: topicKeys.detail(input.clusterId, input.topic) }),
        qc.invalidateQueries({ queryKey: topicKeys.groups(input.clusterId, input.topic) }),
        invalidateList(input.clusterId),
      ]),
  });
}

/** The page leaves the topic afterwards; its own queries are left to expire rather than refetched into a 404. */
export function usePreviewDeleteRecordsMutation() {
  return useMutation({ mutationFn: async (input: DeleteRecordsInput) => unwrap(await previewDeleteRecordsAction(input)) });
}

export function useDeleteRecordsMutation() {
  const qc = useQueryClient();
  const invalidateList = useInvalidateTopicList();
  return useMutation({
    mutationFn: async (input: DeleteRecordsInput) => unwrap(await deleteRecordsAction(input)),
    onSuccess: (_, input) =>
      Promise.all([qc.invalidateQueries({ queryKey: topicKeys.detail(input.clusterId, input.topic) }), qc.invalidateQueries({ queryKey: topicKeys.groups(input.clusterId, input.topic) }), invalidateList(input.clusterId)]),
  });
}

export function useDeleteTopicMutation() {
  const invalidateList = useInvalidateTopicList();
  return useMutation({
    mutationFn: async (input: DeleteTopicInput) => unwrap(await deleteTopicAction(input)),
    onSuccess: (_, input) => invalidateList(input.clusterId),
  });
}
