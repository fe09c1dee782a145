param($p)
# The cheapest question that tells a reboot from a network blip: when did this machine last boot?
$os = Get-CimInstance -ClassName Win32_OperatingSystem
[ordered]@{
    lastBootTime = $os.LastBootUpTime.ToUniversalTime().ToString('o')
    now          = (Get-Date).ToUniversalTime().ToString('o')
}
