// Test classes run in parallel; tests inside one class run in order.
[assembly: Parallelize(Scope = ExecutionScope.ClassLevel)]
