param($p)
# What tapdiag can do on this machine, changing nothing: whether the tool is where the lab says, whether the
# driver's TapDiag registry value is set, and whether the endpoint opens (tapdiag run without a switch only
# opens it and closes it again).
$path = [string]$p.toolPath
$toolFound = Test-Path -LiteralPath $path -PathType Leaf
$driverService = Test-Path -LiteralPath $TapdiagDriverKey
$registryEnabled = $false
if ($driverService) {
    $value = (Get-ItemProperty -LiteralPath $TapdiagDriverKey -Name 'TapDiag' -ErrorAction SilentlyContinue)
    if ($null -ne $value) { $registryEnabled = ([int]$value.TapDiag -ne 0) }
}
$endpoint = 'unknown'
$output = ''
if ($toolFound) {
    $answer = Invoke-Tapdiag $path @()
    $endpoint = Get-EndpointState $answer
    $output = $answer.output
}
[ordered]@{
    toolPath        = $path
    toolFound       = $toolFound
    driverService   = $driverService
    registryEnabled = $registryEnabled
    endpoint        = $endpoint
    output          = $output
    adapters        = @(Get-TapAdapters ([string]$p.hardwareId) | ForEach-Object { ConvertTo-AdapterState $_ })
}
