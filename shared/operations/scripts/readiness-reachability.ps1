param($p)
# What this machine can reach for the HLK pass: the controller's ports (a TCP connection, like
# Test-NetConnection -Port but with a short time limit) and the VPN addresses (a ping, as ping -6 does).
$timeoutMs = [int]$p.timeoutMs

$tcp = [System.Collections.Generic.List[object]]::new()
foreach ($probe in @($p.tcp)) {
    $client = New-Object System.Net.Sockets.TcpClient
    $open = $false
    $detail = ''
    try {
        $attempt = $client.BeginConnect([string]$probe.host, [int]$probe.port, $null, $null)
        if ($attempt.AsyncWaitHandle.WaitOne($timeoutMs)) {
            $client.EndConnect($attempt)
            $open = $true
            $detail = 'open'
        } else {
            $detail = ('no answer within {0} ms' -f $timeoutMs)
        }
    } catch {
        $detail = $_.Exception.GetBaseException().Message
    } finally {
        $client.Close()
    }
    $tcp.Add([ordered]@{ host = [string]$probe.host; port = [int]$probe.port; open = $open; detail = $detail })
}

$ping = [System.Collections.Generic.List[object]]::new()
$pinger = New-Object System.Net.NetworkInformation.Ping
try {
    foreach ($target in @($p.ping)) {
        $answered = $false
        $roundTrip = $null
        $detail = ''
        try {
            $reply = $pinger.Send([string]$target.address, $timeoutMs)
            $answered = ($reply.Status -eq [System.Net.NetworkInformation.IPStatus]::Success)
            $detail = $reply.Status.ToString()
            if ($answered) { $roundTrip = [int]$reply.RoundtripTime }
        } catch {
            $detail = $_.Exception.GetBaseException().Message
        }
        $ping.Add([ordered]@{ address = [string]$target.address; answered = $answered; roundTripMs = $roundTrip; detail = $detail })
    }
} finally {
    $pinger.Dispose()
}

[ordered]@{ tcp = @($tcp); ping = @($ping) }
