import { ListSkeleton } from "@/components/dashboard/skeleton";

export default function Loading() {
  return <ListSkeleton rows={6} />;
}
