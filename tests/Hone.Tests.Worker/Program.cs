using System.Globalization;
using Hone;
using Hone.Samplers;
using Hone.Storages;
using Hone.Storages.Sql;

// Usage: Hone.Tests.Worker <storage-url> <study> <mode> [trials]
//   run N    creates the study (or loads it) and runs N trials of x² with x in [-10, 10]
//   pop      claims enqueued trials until none waits, telling each one x² of its enqueued x
//   write    runs trials forever, each with a 200 kB attribute and 5 intermediate values, until it is killed
//   watch N  only reads: every 100 ms lists the studies and the study's trials, until N of them are finished
//   hang     starts one trial, suggests x, reports step 0, prints "running N" and then waits until it is killed
// "--heartbeat S" anywhere after the mode gives the worker's trials heartbeats every S seconds (grace 3 S); a stale
// trial it fails is printed as "stale N".
// The storage URL may be any that StorageUrl opens with the relational storage's provider (journal:, sqlite:,
// postgresql:, mysql:). The worker prints "ready" and waits for a line on standard input before it starts, so that a
// test can release many workers at once; it prints "done N" after trial N is stored, and exits with 0 on success.
double? heartbeat = null;
int flag = Array.IndexOf(args, "--heartbeat");
if (flag >= 0 && flag + 1 < args.Length)
{
    heartbeat = double.Parse(args[flag + 1], CultureInfo.InvariantCulture);
    args = [.. args.Take(flag), .. args.Skip(flag + 2)];
}

if (args.Length < 3)
{
    Console.Error.WriteLine(
        "usage: Hone.Tests.Worker <storage-url> <study> run <trials> | pop | write | watch <trials> | hang "
        + "[--heartbeat <seconds>]");
    return 2;
}

using var storage = StorageUrl.Open(args[0], [new SqlStorageProvider()]);
string name = args[1];
Console.WriteLine("ready");
Console.ReadLine();

if (args[2] == "watch")
{
    return Watch(storage, name, int.Parse(args[3], CultureInfo.InvariantCulture));
}

var study = Study.Create(new StudyOptions
{
    Name = name,
    Storage = storage,
    Sampler = new RandomSampler(),
    LoadIfExists = true,
    Heartbeat = heartbeat is { } seconds
        ? new HeartbeatOptions
        {
            Interval = TimeSpan.FromSeconds(seconds),
            GracePeriod = TimeSpan.FromSeconds(3 * seconds),
            StaleTrialCallback = (_, t) => Console.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"stale {t.Number}")),
        }
        : null,
});
switch (args[2])
{
    case "run":
        int trials = int.Parse(args[3], CultureInfo.InvariantCulture);
        study.Optimize(trial => Square(trial), trials: trials, callbacks: [(_, t) => Done(t.Number)]);
        break;
    case "pop":
        while (storage.ClaimWaitingTrial(study.StudyId) is { } claimed)
        {
            var queued = (IReadOnlyDictionary<string, object?>)claimed.SystemAttributes["fixed_params"]!;
            double x = Convert.ToDouble(queued["x"], CultureInfo.InvariantCulture);
            storage.SetTrialUserAttribute(claimed.TrialId, "pid", Environment.ProcessId);
            study.Tell(claimed.Number, TrialState.Complete, [x * x]);
            Done(claimed.Number);
        }

        break;
    case "write":
        string blob = new('w', 200_000);
        while (true)
        {
            var trial = study.Ask();
            trial.SetUserAttribute("blob", blob);
            for (int step = 0; step < 5; step++)
            {
                trial.Report(step, step);
            }

            study.Tell(trial, Square(trial));
            Done(trial.Number);
        }

    case "hang":
        var hanging = study.Ask();
        hanging.Report(hanging.SuggestFloat("x", -10, 10), 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"running {hanging.Number}"));
        Thread.Sleep(Timeout.Infinite);
        break;
    default:
        Console.Error.WriteLine($"unknown mode '{args[2]}'");
        return 2;
}

return 0;

static double Square(Trial trial)
{
    double x = trial.SuggestFloat("x", -10, 10);
    return x * x;
}

// Reads like a dashboard or the command line's trial listing would, while the writers run.
static int Watch(TrialStorage storage, string name, int expected)
{
    var patience = TimeSpan.FromSeconds(90);
    var started = TimeProvider.System.GetTimestamp();
    while (TimeProvider.System.GetElapsedTime(started) < patience)
    {
        storage.GetAllStudies();
        if (storage.FindStudyId(name) is { } studyId
            && storage.GetAllTrials(studyId).Count(t => t.State.IsFinished()) >= expected)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seen {expected}"));
            return 0;
        }

        Thread.Sleep(100);
    }

    Console.Error.WriteLine($"saw fewer than {expected} finished trials within {patience}");
    return 1;
}

static void Done(int number) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {number}"));
