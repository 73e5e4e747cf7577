using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Authentication;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Authentication;

public sealed class CertificateSubjectTests
{
    [Fact]
    public void Read_CountsEveryAttributeOfMultiValuedRdnsAndTheLastCnWins()
    {
        // SEQUENCE { SET { O=dev, CN=first } , SET { O=ops }, SET { CN=jane (PrintableString) }, SET { OU=ignored } }
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.10", "dev", UniversalTagNumber.UTF8String);
                Attribute(writer, "2.5.4.3", "first", UniversalTagNumber.UTF8String);
            }

            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.10", "ops", UniversalTagNumber.UTF8String);
            }

            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.3", "jane", UniversalTagNumber.PrintableString);
            }

            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.11", "ignored", UniversalTagNumber.UTF8String);
            }
        }

        var subject = CertificateSubject.Read(new X500DistinguishedName(writer.Encode()));

        Assert.Equal("jane", subject.CommonName);
        Assert.Equal(["dev", "ops"], subject.Organizations);
    }

    [Fact]
    public void Read_SubjectWithoutCn_HasEmptyCommonName()
    {
        var subject = CertificateSubject.Read(new X500DistinguishedName("O=dev"));

        Assert.Equal(string.Empty, subject.CommonName);
        Assert.Equal(["dev"], subject.Organizations);
    }

    private static void Attribute(AsnWriter writer, string oid, string value, UniversalTagNumber type)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteCharacterString(type, value);
        }
    }
}
