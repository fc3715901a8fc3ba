namespace Tradeproof.Trade.Workflows;

/// <summary>
/// Works out the progress of a workflow instance from the traceable presentations received for it: which required
/// credential types are present (from whom, when), which are missing, which present steps are done and what comes
/// next. Counted presentations are those whose <c>workflow.definition</c> names the workflow and whose
/// <c>workflow.instance</c> names the instance, less those another presentation of the set replaces. Signatures are
/// not checked here: give it presentations that were verified (<c>TraceablePresentationVerifier</c>).
/// </summary>
public static class WorkflowProgressTracker
{
    /// <summary>Evaluates one instance.</summary>
    /// <exception cref="ArgumentException">The receiver or a bound party is not a party of the workflow.</exception>
    public static WorkflowProgress Evaluate(WorkflowDefinition workflow, string instance, IEnumerable<ReceivedPresentation> presentations, WorkflowProgressOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentException.ThrowIfNullOrEmpty(instance);
        ArgumentNullException.ThrowIfNull(presentations);
        options ??= new WorkflowProgressOptions();

        var receiver = options.Receiver is null ? null : workflow.FindParty(options.Receiver)
            ?? throw new ArgumentException($"'{options.Receiver}' is not a party of {workflow.Id}", nameof(options));
        var bindings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (party, did) in options.PartyBindings)
        {
            var found = workflow.FindParty(party) ?? throw new ArgumentException($"'{party}' is not a party of {workflow.Id}", nameof(options));
            bindings[found.Alias] = did;
        }

        var all = presentations.ToList();
        var replaced = all.Where(p => p.Replaces is not null).Select(p => p.Replaces!).ToHashSet(StringComparer.Ordinal);
        var counted = new List<ReceivedPresentation>();
        var ignored = new List<IgnoredPresentation>();
        foreach (var presentation in all)
        {
            if (!presentation.Definitions.Contains(workflow.Id, StringComparer.Ordinal))
            {
                ignored.Add(new IgnoredPresentation(presentation.Id, IgnoredReason.OtherWorkflow));
            }
            else if (!presentation.Instances.Contains(instance, StringComparer.Ordinal))
            {
                ignored.Add(new IgnoredPresentation(presentation.Id, IgnoredReason.OtherInstance));
            }
            else if (replaced.Contains(presentation.Id))
            {
                ignored.Add(new IgnoredPresentation(presentation.Id, IgnoredReason.Replaced));
            }
            else
            {
                counted.Add(presentation);
            }
        }

        var steps = workflow.Steps
            .Where(s => s.Kind == WorkflowStepKind.Present && (receiver is null || s.To == receiver))
            .ToList();
        var required = receiver is null ? workflow.RequiredCredentials : RequiredByStepsTo(workflow, steps);
        var named = workflow.RequiredCredentials.Select(c => c.Id)
            .Concat(workflow.Steps.SelectMany(s => s.Credentials).Select(c => c.TypeId).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);

        var present = new List<CredentialSighting>();
        var unexpected = new List<UnexpectedCredential>();
        foreach (var presentation in counted)
        {
            foreach (var credential in presentation.Credentials)
            {
                var types = credential.Types.Select(CredentialTypeIris.Expand).ToList();
                foreach (var type in required.Where(r => types.Contains(r.Id, StringComparer.Ordinal)))
                {
                    present.Add(new CredentialSighting(type.Id, credential.Id, credential.Issuer, presentation.Id, presentation.Holder, presentation.ReceivedAt));
                }

                if (!types.Exists(named.Contains))
                {
                    unexpected.Add(new UnexpectedCredential(credential.Id, credential.Types, presentation.Id));
                }
            }
        }

        var stepProgress = steps.Select(step =>
        {
            var satisfiedBy = counted.FirstOrDefault(p => Satisfies(p, step, bindings));
            return new StepProgress(step, satisfiedBy is not null, satisfiedBy?.Id);
        }).ToList();

        return new WorkflowProgress
        {
            Workflow = workflow,
            Instance = instance,
            Receiver = receiver,
            Required = required,
            Present = present,
            Missing = required.Where(r => !present.Exists(p => p.TypeId == r.Id)).ToList(),
            Steps = stepProgress,
            Ignored = ignored,
            Unexpected = unexpected,
        };
    }

    private static bool Satisfies(ReceivedPresentation presentation, WorkflowStep step, Dictionary<string, string> bindings)
    {
        if (bindings.TryGetValue(step.From.Alias, out var did) && !string.Equals(presentation.Holder, did, StringComparison.Ordinal))
        {
            return false;
        }

        var carried = presentation.Credentials.SelectMany(c => c.Types).Select(CredentialTypeIris.Expand).ToHashSet(StringComparer.Ordinal);
        return step.Credentials.Select(c => c.TypeId).OfType<string>().All(carried.Contains);
    }

    private static List<WorkflowCredentialType> RequiredByStepsTo(WorkflowDefinition workflow, List<WorkflowStep> steps)
    {
        var result = new List<WorkflowCredentialType>();
        foreach (var credential in steps.SelectMany(s => s.Credentials))
        {
            if (credential.TypeId is not null && !result.Exists(r => r.Id == credential.TypeId))
            {
                var listed = workflow.RequiredCredentials.FirstOrDefault(r => r.Id == credential.TypeId);
                result.Add(listed ?? new WorkflowCredentialType(credential.TypeId, credential.Label));
            }
        }

        return result;
    }
}
