using System.Text;

namespace Paginate.Bench.Engine;

/// <summary>Realistic upstream pages: Stripe-like customer lists (nested objects, strings, numbers, nulls).</summary>
internal static class BenchPages
{
    public static byte[] Page(int items, int totalPages)
    {
        var sb = new StringBuilder(items * 800);
        sb.Append("{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":true,\"total_pages\":").Append(totalPages).Append(",\"data\":[");
        for (var i = 0; i < items; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append("{\"id\":\"cus_").Append(i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\",\"object\":\"customer\",\"address\":{\"city\":\"Paris\",\"country\":\"FR\",\"line1\":\"")
                .Append(i).Append(" rue de Rivoli\",\"line2\":null,\"postal_code\":\"75001\",\"state\":null},")
                .Append("\"balance\":").Append(i * 37 % 10000).Append(",\"created\":").Append(1_700_000_000 + i)
                .Append(",\"currency\":\"eur\",\"default_source\":null,\"delinquent\":false,\"description\":\"Customer number ")
                .Append(i).Append(" with a \\\"quoted\\\" note and unicode caf\\u00e9\",\"email\":\"user").Append(i)
                .Append("@example.com\",\"invoice_prefix\":\"A1B2C3").Append(i % 10).Append("\",\"invoice_settings\":{\"custom_fields\":null,")
                .Append("\"default_payment_method\":\"pm_1Nv").Append(i).Append("\",\"footer\":null,\"rendering_options\":null},")
                .Append("\"livemode\":false,\"metadata\":{\"crm_id\":\"").Append(i * 7).Append("\",\"segment\":\"enterprise\",\"score\":\"")
                .Append(i % 100).Append("\"},\"name\":\"Jenny Rosen ").Append(i).Append("\",\"phone\":\"+33 1 23 45 67 ")
                .Append((i % 90) + 10).Append("\",\"preferred_locales\":[\"fr-FR\",\"en-US\"],\"shipping\":null,\"tax_exempt\":\"none\",")
                .Append("\"test_clock\":null,\"tags\":[1,2.5,-3e2,true,null]}");
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
