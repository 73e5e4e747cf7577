using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// The subject fields Kubernetes maps to a user: CN (user name) and O (groups). Read from the DER
/// like Go's <c>pkix.Name</c>: every attribute of every RDN counts, multi-valued RDNs included, and
/// the last CN wins.
/// </summary>
internal sealed record CertificateSubject(string CommonName, IReadOnlyList<string> Organizations)
{
    private const string CommonNameOid = "2.5.4.3";

    private const string OrganizationOid = "2.5.4.10";

    /// <summary>Reads CN and O values; a subject that is not valid DER throws <see cref="CryptographicException"/>.</summary>
    public static CertificateSubject Read(X500DistinguishedName name)
    {
        var commonName = string.Empty;
        var organizations = new List<string>();
        try
        {
            var sequence = new AsnReader(name.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var set = sequence.ReadSetOf(skipSortOrderValidation: true);
                while (set.HasData)
                {
                    var attribute = set.ReadSequence();
                    var type = attribute.ReadObjectIdentifier();
                    var value = ReadString(attribute);
                    if (value is null)
                    {
                        continue;
                    }

                    if (type == CommonNameOid)
                    {
                        commonName = value;
                    }
                    else if (type == OrganizationOid)
                    {
                        organizations.Add(value);
                    }
                }
            }
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException("The certificate subject is not a valid distinguished name.", e);
        }

        return new CertificateSubject(commonName, organizations);
    }

    /// <summary>A DirectoryString value, or null for other value types (which Go ignores as well).</summary>
    private static string? ReadString(AsnReader attribute)
    {
        var tag = attribute.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            attribute.ReadEncodedValue();
            return null;
        }

        switch ((UniversalTagNumber)tag.TagValue)
        {
            case UniversalTagNumber.UTF8String:
            case UniversalTagNumber.PrintableString:
            case UniversalTagNumber.IA5String:
            case UniversalTagNumber.T61String:
            case UniversalTagNumber.BMPString:
            case UniversalTagNumber.NumericString:
            case UniversalTagNumber.VisibleString:
                return attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue);
            default:
                attribute.ReadEncodedValue();
                return null;
        }
    }
}
