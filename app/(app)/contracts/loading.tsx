import { ListSkeleton } from "@/components/dashboard/skeleton";

export default function Loading() {
  return <ListSkeleton cards={3} rows={6} />;
}
