// The network fixture and the lifetime tests each start twelve node processes: one at a time on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
