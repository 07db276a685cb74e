using System.CommandLine;
using Hone.Storages.Sql;

namespace Hone.Cli.Commands;

/// <summary>The <c>storage</c> group: maintenance of a storage itself.</summary>
internal static class StorageCommands
{
    public static Command Storage()
    {
        var command = new Command("storage", "Maintains a storage itself.");
        command.Subcommands.Add(Upgrade());
        return command;
    }

    private static Command Upgrade()
    {
        var command = new Command("upgrade",
            "Upgrades the schema of a relational storage (SQLite, PostgreSQL, MySQL) that an older Hone created, "
            + $"to version {RelationalStorage.SchemaVersion}. Back the database up first: older versions of Hone "
            + "cannot open it afterwards. A journal file needs no upgrade.\n\n"
            + "Example:\n  hone storage upgrade --storage sqlite:///hone.db");
        CommandAction.Set(command, context =>
        {
            string url = context.StorageUrl;
            if (url.StartsWith(Storages.StorageUrl.JournalScheme + ":", StringComparison.OrdinalIgnoreCase))
            {
                CliContext.Messages.WriteLine("A journal file has no schema; there is nothing to upgrade.");
                return ExitCodes.Success;
            }

            // Refuse a missing SQLite file here rather than create an empty database and call it upgraded.
            CliContext.RequireExisting(url);

            int before = RelationalStorage.UpgradeSchema(url);
            int now = RelationalStorage.SchemaVersion;
            CliContext.Messages.WriteLine(before switch
            {
                RelationalStorage.SchemaVersion => FormattableString.Invariant(
                    $"The schema is at version {now} already; nothing was changed."),
                0 => FormattableString.Invariant($"Created the schema, version {now}."),
                _ => FormattableString.Invariant($"Upgraded the schema from version {before} to {now}."),
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
