using Hone;
using Hone.Samplers;

var study = Study.Create(new StudyOptions
{
    Name = "quickstart",
    Sampler = new TpeSampler(new TpeSamplerOptions { Seed = 42 }),   // TPE is also the default
    Direction = StudyDirection.Minimize,
});

study.Optimize(trial =>
{
    int layers = trial.SuggestInt("n_layers", 1, 4);                      // a loop-dependent space:
    double width = 0;
    for (int i = 0; i < layers; i++)
        width += trial.SuggestInt($"n_units_l{i}", 1, 128);               // one width per layer
    double lr = trial.SuggestFloat("lr", 1e-4, 1, log: true);
    string optimizer = trial.SuggestCategorical("optimizer", "sgd", "nesterov");
    double momentum = optimizer == "nesterov" ? trial.SuggestFloat("momentum", 0.5, 0.99) : 0; // conditional
    return Math.Pow(Math.Log10(lr) + 2, 2) + Math.Abs(width - 100) / 100 + (1 - momentum);
}, trials: 100);

var best = study.BestTrial;
string values = string.Join(", ", best.Params.Select(p => $"{p.Key}={p.Value}"));
Console.WriteLine($"best is trial {best.Number} with value {best.Value}: {values}");
