using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DnsLb.Hosting.Settings;

/// <summary>How a component's options join the settings: one call per options type.</summary>
internal static class SettingsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to the top-level <paramref name="section"/> strictly (see
    /// <see cref="SettingsBinder"/>), validates it on start with every problem reported together (attributes
    /// such as <c>[Range]</c>, and the type's own rules through <c>IValidatableObject</c>), and makes the
    /// section a known one, so that a misspelt section is an error.
    /// </summary>
    public static IServiceCollection AddSettings<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class, new()
    {
        var schema = SettingsSchema.Of(services);
        schema.Add(section, typeof(TOptions),
            static provider => provider.GetRequiredService<IOptions<TOptions>>().Value,
            static provider => provider.GetRequiredService<IOptionsFactory<TOptions>>().Create(Options.DefaultName));
        services.AddOptions<TOptions>()
            .Configure(options => new SettingsBinder(configuration, problems: null).Bind(section, options, schema))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(configuration, section, schema));
        return services;
    }
}
