param($p)
# Puts the driver's test certificate into the machine's certificate stores (Root and TrustedPublisher), so
# the test-signed driver installs without signature errors. The certificate arrives as base64 DER data.
$bytes = [Convert]::FromBase64String([string]$p.certificate)
$certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($bytes)
$added = [System.Collections.Generic.List[string]]::new()
foreach ($storeName in @('Root', 'TrustedPublisher')) {
    $store = New-Object System.Security.Cryptography.X509Certificates.X509Store -ArgumentList $storeName, 'LocalMachine'
    $store.Open('ReadWrite')
    try {
        $store.Add($certificate)
    } finally {
        $store.Close()
    }
    $added.Add($storeName)
}
[ordered]@{ subject = $certificate.Subject; thumbprint = $certificate.Thumbprint; stores = @($added) }
