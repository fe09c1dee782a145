// hlk-assist practice lab: a stand-in for HLK Studio's object model, compiled with Add-Type by windows.ps1
// when a script loads Microsoft.Windows.Kits.Hardware.ObjectModel.dll (or its DBConnection.dll) from the
// stand-in's HLK Studio folder. Only the namespaces, classes and members our hlk-*.ps1 scripts use are here,
// each under its name in HLK.
//
// Shapes follow Microsoft's HLK API reference (learn.microsoft.com/windows-hardware/test/hlk/api/, the
// "...-class" pages of the Microsoft.Windows.Kits.Hardware.ObjectModel namespace, cited per class as
// "HLK API: <page>") and, where that reference is thin, how HCK-CI's toolsHCK.ps1 (github.com/HCK-CI/
// rtoolsHCK, tools/toolsHCK.ps1) uses the same members ("toolsHCK: <what it does>").
//
// State: every object is a view over the practice lab's HLK state (hlk-model.ts's SimulatedHlkStudio, as
// the JSON windows.ps1 read), so what a script changes is in the state when the ProjectManager is disposed
// and windows.ps1 writes it back. The HLK database's own logic (which tests a project shows, their status,
// the product types) is here too, the same rules as hlk-model.ts.
//
// Written for C# 5 (Windows PowerShell 5.1 compiles with the .NET Framework's csc): no string
// interpolation, no expression-bodied members, no auto-property initialisers.
//
// Adding classes (the .hlkx package writer, more of the object model): put each in the namespace HLK
// has it in, with its "HLK API:" citation; namespaces are in the order ObjectModel, ObjectModel.DBConnection,
// then any other (ObjectModel.Submission ...) at the end of this file. Read and write the state only through
// HlkAssist.PracticeLab.HlkStandInState. windows.ps1's Add-Type is the one place that loads this file.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;

namespace HlkAssist.PracticeLab
{
    /// <summary>The HLK state the object model reads and writes: the practice lab's, as windows.ps1 loaded it.</summary>
    public static class HlkStandInState
    {
        public static PSObject Studio;
        /// <summary>The kit's tests (every LAN test of this practice lab) a new project starts with.</summary>
        public static object KitTests;
        /// <summary>Called when a ProjectManager is disposed: windows.ps1 writes the state back.</summary>
        public static Action Saving;

        public static void Load(PSObject studio, object kitTests, Action saving)
        {
            Studio = studio;
            KitTests = kitTests;
            Saving = saving;
        }

        internal static void Save()
        {
            if (Saving != null) Saving();
        }

        internal static object Get(PSObject o, string name)
        {
            PSPropertyInfo p = o.Properties[name];
            if (p == null) return null;
            object v = p.Value;
            PSObject wrapped = v as PSObject;
            if (wrapped != null && !(wrapped.BaseObject is PSCustomObject)) return wrapped.BaseObject;
            return v;
        }

        internal static string Text(PSObject o, string name)
        {
            object v = Get(o, name);
            return v == null ? null : Convert.ToString(v, CultureInfo.InvariantCulture);
        }

        internal static void Set(PSObject o, string name, object value)
        {
            PSPropertyInfo p = o.Properties[name];
            if (p == null) o.Properties.Add(new PSNoteProperty(name, value));
            else p.Value = value;
        }

        internal static List<object> Items(PSObject o, string name)
        {
            return ItemsOf(Get(o, name));
        }

        internal static List<object> ItemsOf(object v)
        {
            List<object> list = new List<object>();
            if (v == null) return list;
            IEnumerable items = v as IEnumerable;
            if (items == null || v is string) { list.Add(v); return list; }
            foreach (object item in items)
            {
                PSObject wrapped = item as PSObject;
                list.Add(wrapped != null && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : item);
            }
            return list;
        }

        internal static List<PSObject> Objects(PSObject o, string name)
        {
            List<PSObject> list = new List<PSObject>();
            foreach (object item in Items(o, name)) list.Add(PSObject.AsPSObject(item));
            return list;
        }

        internal static bool Same(string a, string b)
        {
            return string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Now, as the practice lab's state writes times (JavaScript's toISOString).</summary>
        internal static string Now()
        {
            return DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        internal static long NowMs()
        {
            return (long)(DateTime.UtcNow - Epoch).TotalMilliseconds;
        }

        internal static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>A time of the state (ISO text or epoch milliseconds) as the object model's DateTime; MinValue for none.</summary>
        internal static DateTime Time(object v)
        {
            if (v == null) return DateTime.MinValue;
            if (v is DateTime) return ((DateTime)v).ToUniversalTime();
            string text = v as string;
            if (text != null) return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();
            return Epoch.AddMilliseconds(Convert.ToDouble(v, CultureInfo.InvariantCulture));
        }

        internal static PSObject NewObject(params object[] pairs)
        {
            PSObject o = new PSObject();
            for (int i = 0; i < pairs.Length; i += 2) o.Properties.Add(new PSNoteProperty((string)pairs[i], pairs[i + 1]));
            return o;
        }

        internal static string Controller
        {
            get { return Text(Studio, "controller"); }
        }
    }
}

namespace Microsoft.Windows.Kits.Hardware.ObjectModel
{
    using HlkAssist.PracticeLab;
    using S = HlkAssist.PracticeLab.HlkStandInState;

    // HLK API: machinestatus-enumeration (NotReady, Ready, Running, Debugging, Initializing, ...).
    public enum MachineStatus { Unknown, NotReady, Ready, Running, Debugging, Initializing, NeedsAttention }

    // HLK API: testresultstatus-enumeration.
    public enum TestResultStatus { NotRun, InQueue, Running, Passed, Failed, Canceled }

    // HLK API: executionstate-enumeration.
    public enum ExecutionState { NotRunning, InQueue, Running }

    // HLK API: projectstatus-enumeration (NotRunning, Passing, Running: the three the reference lists).
    public enum ProjectStatus { NotRunning, Passing, Running }

    // HLK API: testtype-enumeration.
    public enum TestType { Automated, Manual }

    // HLK API: targettype-enumeration (toolsHCK switches on Device, Filter, System).
    public enum TargetType { Device, Filter, System }

    // HLK API: distributionoption-enumeration, a flags enumeration (toolsHCK's parsescheduleoptions tests
    // each flag with -band).
    [Flags]
    public enum DistributionOption { None = 0, ConsolidateScheduleAcrossTargets = 1, DistributeAcrossAllTargets = 2, RequiresMultipleMachines = 4, ScheduleOnAllTargets = 8 }

    // HLK API: osplatform-class (Name, Description, Architecture). toolsHCK reads OSPlatform.Name and
    // .Description and compares platforms with -eq.
    public class OSPlatform
    {
        private readonly PSObject data;
        internal OSPlatform(PSObject data) { this.data = data; }
        public string Name { get { return S.Text(data, "name"); } }
        public string Description { get { return S.Text(data, "description"); } }
        public string Architecture { get { return S.Text(data, "architecture"); } }
        public override bool Equals(object obj) { OSPlatform o = obj as OSPlatform; return o != null && S.Same(o.Name, Name) && S.Same(o.Architecture, Architecture); }
        public override int GetHashCode() { return (Name ?? "").ToLowerInvariant().GetHashCode(); }
        internal static OSPlatform From(object v) { return v == null ? null : new OSPlatform(PSObject.AsPSObject(v)); }
    }

    // HLK API: machine-class (Name, Status, LastHeartBeat, OSPlatform, Pool, SetMachineStatus). toolsHCK prints
    // Status and LastHeartBeat and calls SetMachineStatus(MachineStatus.Ready, timeout).
    public class Machine
    {
        internal readonly PSObject Data;
        private readonly string name;
        internal Machine(PSObject data) { Data = data; name = S.Text(data, "name"); }
        /// <summary>A machine named by a test run that HLK no longer lists.</summary>
        internal Machine(string name) { this.name = name; }
        public string Name { get { return name; } }
        public MachineStatus Status
        {
            get { return Data == null ? MachineStatus.Unknown : (MachineStatus)Enum.Parse(typeof(MachineStatus), S.Text(Data, "status")); }
        }
        public DateTime LastHeartBeat { get { return Data == null ? DateTime.MinValue : S.Time(S.Get(Data, "lastHeartbeat")); } }
        public OSPlatform OSPlatform { get { return Data == null ? null : OSPlatform.From(S.Get(Data, "platform")); } }
        public MachinePool Pool { get { return Data == null ? null : new MachinePool(S.Text(Data, "pool")); } }

        /// <summary>HLK sets the status and answers whether it did within the timeout (milliseconds).</summary>
        public bool SetMachineStatus(MachineStatus status, int timeout)
        {
            if (Pool != null && Pool.IsDefault && status == MachineStatus.Ready) return false;
            S.Set(Data, "status", status.ToString());
            S.Set(Data, "lastHeartbeat", S.Now());
            return true;
        }

        public override bool Equals(object obj) { Machine o = obj as Machine; return o != null && S.Same(o.Name, Name); }
        public override int GetHashCode() { return (Name ?? "").ToLowerInvariant().GetHashCode(); }

        internal static Machine ByName(string name)
        {
            if (name == null) return null;
            foreach (PSObject m in S.Objects(S.Studio, "machines")) if (S.Same(S.Text(m, "name"), name)) return new Machine(m);
            return new Machine(name);
        }
    }

    // HLK API: machinepool-class (Name, Path, DefaultPool on the root, GetMachines, GetChildPools,
    // CreateChildPool, MoveMachineTo). Pools are "$" (the root), "$\Default Pool" and "$\<name>" below it.
    public class MachinePool
    {
        internal const string RootPath = "$";
        internal const string DefaultPath = "$\\Default Pool";
        private readonly string path;
        internal MachinePool(string path) { this.path = path; }

        public string Path { get { return path; } }
        public string Name { get { return path == RootPath ? RootPath : path.Substring(RootPath.Length + 1); } }
        internal bool IsDefault { get { return S.Same(path, DefaultPath); } }
        public MachinePool DefaultPool { get { return path == RootPath ? new MachinePool(DefaultPath) : null; } }

        /// <summary>The machines in this pool, in the order they joined it.</summary>
        public ReadOnlyCollection<Machine> GetMachines()
        {
            List<Machine> list = new List<Machine>();
            foreach (PSObject m in S.Objects(S.Studio, "machines")) if (S.Same(S.Text(m, "pool"), path)) list.Add(new Machine(m));
            return list.AsReadOnly();
        }

        /// <summary>Under the root: the Default Pool, then the others in the order they were made.</summary>
        public ReadOnlyCollection<MachinePool> GetChildPools()
        {
            List<MachinePool> list = new List<MachinePool>();
            if (path != RootPath) return list.AsReadOnly();
            list.Add(new MachinePool(DefaultPath));
            foreach (object name in S.Items(S.Studio, "pools")) list.Add(new MachinePool(RootPath + "\\" + Convert.ToString(name, CultureInfo.InvariantCulture)));
            return list.AsReadOnly();
        }

        public MachinePool CreateChildPool(string name)
        {
            if (path != RootPath) throw new InvalidOperationException("The stand-in makes pools under the root pool only.");
            List<object> pools = S.Items(S.Studio, "pools");
            pools.Add(name);
            S.Set(S.Studio, "pools", pools.ToArray());
            return new MachinePool(RootPath + "\\" + name);
        }

        /// <summary>Moves a machine from this pool to another: it joins the other last, NotReady.</summary>
        public void MoveMachineTo(Machine machine, MachinePool pool)
        {
            if (!S.Same(S.Text(machine.Data, "pool"), path)) throw new InvalidOperationException("Machine " + machine.Name + " is not in pool " + path + ".");
            List<object> rest = new List<object>();
            foreach (PSObject m in S.Objects(S.Studio, "machines")) if (!S.Same(S.Text(m, "name"), machine.Name)) rest.Add(m);
            rest.Add(machine.Data);
            S.Set(S.Studio, "machines", rest.ToArray());
            S.Set(machine.Data, "pool", pool.Path);
            S.Set(machine.Data, "status", "NotReady");
        }

        public override bool Equals(object obj) { MachinePool o = obj as MachinePool; return o != null && S.Same(o.Path, Path); }
        public override int GetHashCode() { return Path.ToLowerInvariant().GetHashCode(); }
    }

    // HLK API: feature-class (FullName).
    public class Feature
    {
        private readonly string fullName;
        internal Feature(string fullName) { this.fullName = fullName; }
        public string FullName { get { return fullName; } }
    }

    // HLK API: producttype-class (Name).
    public class ProductType
    {
        private readonly string name;
        internal ProductType(string name) { this.name = name; }
        public string Name { get { return name; } }
    }

    // HLK API: target-class (Name, Key, TargetType, Machine, GetFeatures, AddFeature). toolsHCK lists
    // Target.Name, Target.Key and Target.Machine.Name.
    public class Target
    {
        internal readonly PSObject Data;
        private readonly Project project;
        internal Target(PSObject data, Project project) { Data = data; this.project = project; }
        public string Name { get { return S.Text(Data, "name"); } }
        public string Key { get { return S.Text(Data, "key"); } }
        public TargetType TargetType { get { return TargetType.Device; } }
        public Machine Machine { get { return Machine.ByName(S.Text(Data, "machine")); } }

        public ReadOnlyCollection<Feature> GetFeatures()
        {
            List<Feature> list = new List<Feature>();
            foreach (object f in S.Items(Data, "features")) list.Add(new Feature(Convert.ToString(f, CultureInfo.InvariantCulture)));
            return list.AsReadOnly();
        }

        public void AddFeature(Feature feature)
        {
            List<object> features = S.Items(Data, "features");
            foreach (object f in features) if (S.Same(Convert.ToString(f, CultureInfo.InvariantCulture), feature.FullName)) return;
            features.Add(feature.FullName);
            S.Set(Data, "features", features.ToArray());
            project.Touch();
        }

        /// <summary>The TAP adapter: the target the driver under test is on.</summary>
        internal bool IsDriver { get { return (Key ?? "").ToLowerInvariant().Contains("tap0901"); } }
    }

    // HLK API: productinstance-class (Name, OSPlatform, MachinePool, GetTargets, GetProductTypes). HLK makes
    // one when the first target is selected (toolsHCK: CreateProductInstance(platform description, pool,
    // platform)), so a project without targets has none.
    public class ProductInstance
    {
        private readonly Project project;
        internal ProductInstance(Project project) { this.project = project; }
        public string Name
        {
            get
            {
                OSPlatform platform = OSPlatform;
                return platform == null || platform.Description == null ? "Windows" : platform.Description;
            }
        }
        public OSPlatform OSPlatform { get { return OSPlatform.From(S.Get(project.Data, "platform")); } }
        public MachinePool MachinePool
        {
            get
            {
                string pool = S.Text(project.Data, "pool");
                return pool == null ? null : new MachinePool(pool);
            }
        }

        public ReadOnlyCollection<Target> GetTargets()
        {
            List<Target> list = new List<Target>();
            foreach (PSObject t in S.Objects(project.Data, "targets")) list.Add(new Target(t, project));
            return list.AsReadOnly();
        }

        /// <summary>LAN once a TAP target has every LAN feature (Base and PM here), as hlk-model.ts's productTypes.</summary>
        public ReadOnlyCollection<ProductType> GetProductTypes()
        {
            List<ProductType> list = new List<ProductType>();
            foreach (Target t in GetTargets())
            {
                bool baseFeature = false, pm = false;
                foreach (Feature f in t.GetFeatures())
                {
                    if (f.FullName == "Device.Network.LAN.Base") baseFeature = true;
                    if (f.FullName == "Device.Network.LAN.PM") pm = true;
                }
                if (t.IsDriver && baseFeature && pm) { list.Add(new ProductType("LAN")); break; }
            }
            return list.AsReadOnly();
        }
    }

    // HLK API: projectinfo-class (Status and the counts). toolsHCK prints Project.Info.Status.
    public class ProjectInfo
    {
        private readonly Project project;
        internal ProjectInfo(Project project) { this.project = project; }
        private int Count(params string[] statuses)
        {
            int n = 0;
            foreach (Test t in project.GetTests()) if (Array.IndexOf(statuses, t.Status.ToString()) >= 0) n++;
            return n;
        }
        public int TotalCount { get { return project.GetTests().Count; } }
        public int PassedCount { get { return Count("Passed"); } }
        public int FailedCount { get { return Count("Failed"); } }
        public int RunningCount { get { return Count("Running", "InQueue"); } }
        public int NotRunCount { get { return Count("NotRun"); } }
        /// <summary>
        /// Running while a test runs (or waits in the queue to); Passing once every test passed and none runs;
        /// NotRunning otherwise, failures included: the reference has no value for a failing project.
        /// </summary>
        public ProjectStatus Status
        {
            get
            {
                if (RunningCount > 0) return ProjectStatus.Running;
                if (TotalCount > 0 && PassedCount == TotalCount) return ProjectStatus.Passing;
                return ProjectStatus.NotRunning;
            }
        }
    }

    // HLK API: project-class (Name, CreationTime, ModifiedTime, Info, GetProductInstances, GetTests).
    public class Project
    {
        internal readonly PSObject Data;
        internal Project(PSObject data) { Data = data; }
        public string Name { get { return S.Text(Data, "name"); } }
        public DateTime CreationTime { get { return S.Time(S.Get(Data, "createdAt")); } }
        public DateTime ModifiedTime { get { return S.Time(S.Get(Data, "modifiedAt")); } }
        public ProjectInfo Info { get { return new ProjectInfo(this); } }

        internal void Touch() { S.Set(Data, "modifiedAt", S.Now()); }

        internal List<Target> Targets()
        {
            List<Target> list = new List<Target>();
            foreach (PSObject t in S.Objects(Data, "targets")) list.Add(new Target(t, this));
            return list;
        }

        public ReadOnlyCollection<ProductInstance> GetProductInstances()
        {
            List<ProductInstance> list = new List<ProductInstance>();
            if (Targets().Count > 0) list.Add(new ProductInstance(this));
            return list.AsReadOnly();
        }

        /// <summary>The tests the project shows: none without a driver target, the loaded playlist's if one is.</summary>
        public ReadOnlyCollection<Test> GetTests()
        {
            List<Test> list = new List<Test>();
            bool driver = false;
            foreach (Target t in Targets()) if (t.IsDriver) driver = true;
            if (!driver) return list.AsReadOnly();
            Playlist playlist = null;
            string loaded = S.Text(Data, "playlist");
            if (loaded != null) playlist = PlaylistManager.DeserializePlaylist(loaded);
            foreach (PSObject t in S.Objects(Data, "tests"))
            {
                Test test = new Test(t, this);
                if (playlist == null || playlist.Names(test.Name)) list.Add(test);
            }
            return list.AsReadOnly();
        }
    }

    // HLK API: testresult-class (Status, Machine, ScheduleTime, StartTime, CompletionTime, InstanceId).
    // toolsHCK reads these and InstanceId.
    public class TestResult
    {
        private readonly PSObject run;
        private readonly int instance;
        internal TestResult(PSObject run, int instance) { this.run = run; this.instance = instance; }
        public TestResultStatus Status { get { return (TestResultStatus)Enum.Parse(typeof(TestResultStatus), S.Text(run, "status")); } }
        public Machine Machine { get { return Machine.ByName(S.Text(run, "client")); } }
        public DateTime ScheduleTime { get { return S.Time(S.Get(run, "queuedAt")); } }
        public DateTime StartTime { get { return S.Time(S.Get(run, "startedAt")); } }
        public DateTime CompletionTime { get { return S.Time(S.Get(run, "completedAt")); } }
        public int InstanceId { get { return instance; } }
    }

    // HLK API: machinerole-class (Name, GetMachines, AddMachine, RemoveMachine).
    public class MachineRole
    {
        private readonly string name;
        private readonly List<Machine> machines = new List<Machine>();
        internal MachineRole(string name, string machine)
        {
            this.name = name;
            if (machine != null) machines.Add(Machine.ByName(machine));
        }
        public string Name { get { return name; } }
        public ReadOnlyCollection<Machine> GetMachines() { return new List<Machine>(machines).AsReadOnly(); }
        public void AddMachine(Machine machine) { machines.Add(machine); }
        public void RemoveMachine(Machine machine) { machines.Remove(machine); }
    }

    // HLK API: machineset-class (Roles, ApplyMachineDimensions). toolsHCK empties every role, fills
    // "Client" and "Support", calls ApplyMachineDimensions and then Test.QueueTest(machineSet).
    public class MachineSet
    {
        private readonly List<MachineRole> roles;
        internal MachineSet(List<MachineRole> roles) { this.roles = roles; }
        public ReadOnlyCollection<MachineRole> Roles { get { return roles.AsReadOnly(); } }
        public void ApplyMachineDimensions() { }
        internal string Only(string role)
        {
            foreach (MachineRole r in roles)
            {
                if (S.Same(r.Name, role) && r.GetMachines().Count > 0) return r.GetMachines()[0].Name;
            }
            return null;
        }
    }

    // HLK API: test-class (Id, Name, TestType, Status, ExecutionState, ScheduleOptions, AreFiltersApplied,
    // GetMachineRole, GetTestTargets, GetTestResults, QueueTest). toolsHCK reads Status and ExecutionState as
    // their names.
    public class Test
    {
        private readonly PSObject data;
        private readonly Project project;
        internal Test(PSObject data, Project project) { this.data = data; this.project = project; }
        public string Id { get { return S.Text(data, "id"); } }
        public string Name { get { return S.Text(data, "name"); } }
        public TestType TestType { get { return TestType.Automated; } }
        private bool MultiMachine { get { return Convert.ToBoolean(S.Get(data, "multiMachine"), CultureInfo.InvariantCulture); } }
        public DistributionOption ScheduleOptions { get { return MultiMachine ? DistributionOption.RequiresMultipleMachines : DistributionOption.None; } }

        /// <summary>
        /// How long HLK expects the test to take (HLK API: TestDefinition.EstimatedRuntime, a TimeSpan, which a
        /// Test carries as well); the practice lab's estimate, in milliseconds in its state.
        /// </summary>
        public TimeSpan EstimatedRuntime
        {
            get
            {
                object ms = S.Get(data, "estimatedMs");
                return ms == null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Convert.ToDouble(ms, CultureInfo.InvariantCulture));
            }
        }

        /// <summary>
        /// Whether HLK's filters were applied to this test's result (HLK API: test-arefiltersapplied-property, a
        /// bool): a failure an erratum covers counts as accepted. The practice lab's flag; false when it has none.
        /// </summary>
        public bool AreFiltersApplied
        {
            get
            {
                object applied = S.Get(data, "filtersApplied");
                return applied != null && Convert.ToBoolean(applied, CultureInfo.InvariantCulture);
            }
        }

        private PSObject LastRun
        {
            get
            {
                List<PSObject> runs = S.Objects(data, "runs");
                return runs.Count == 0 ? null : runs[runs.Count - 1];
            }
        }

        public TestResultStatus Status
        {
            get { return LastRun == null ? TestResultStatus.NotRun : (TestResultStatus)Enum.Parse(typeof(TestResultStatus), S.Text(LastRun, "status")); }
        }

        public ExecutionState ExecutionState
        {
            get
            {
                TestResultStatus status = Status;
                if (status == TestResultStatus.InQueue) return ExecutionState.InQueue;
                if (status == TestResultStatus.Running) return ExecutionState.Running;
                return ExecutionState.NotRunning;
            }
        }

        /// <summary>A multi-machine test's roles (the last run's machines); null for a test on one machine.</summary>
        public MachineSet GetMachineRole()
        {
            if (!MultiMachine) return null;
            PSObject last = LastRun;
            List<MachineRole> roles = new List<MachineRole>();
            roles.Add(new MachineRole("Client", last == null ? null : S.Text(last, "client")));
            roles.Add(new MachineRole("Support", last == null ? null : S.Text(last, "support")));
            return new MachineSet(roles);
        }

        public ReadOnlyCollection<Target> GetTestTargets()
        {
            List<Target> list = new List<Target>();
            foreach (Target t in project.Targets()) if (t.IsDriver) list.Add(t);
            return list.AsReadOnly();
        }

        /// <summary>
        /// Every run's result. The reference promises no order, and the review of our scripts found the last
        /// element is not the latest; the stand-in lists the newest first, so only InstanceId (a run's number,
        /// growing) tells the latest.
        /// </summary>
        public ReadOnlyCollection<TestResult> GetTestResults()
        {
            List<TestResult> list = new List<TestResult>();
            List<PSObject> runs = S.Objects(data, "runs");
            for (int i = runs.Count - 1; i >= 0; i--) list.Add(new TestResult(runs[i], i + 1));
            return list.AsReadOnly();
        }

        public void QueueTest() { Queue(GetTestTargets()[0].Machine.Name, null); }

        public void QueueTest(MachineSet machineSet) { Queue(machineSet.Only("Client"), machineSet.Only("Support")); }

        private void Queue(string client, string support)
        {
            List<object> runs = S.Items(data, "runs");
            runs.Add(S.NewObject("queuedAt", S.NowMs(), "client", client, "support", support, "status", "InQueue"));
            S.Set(data, "runs", runs.ToArray());
            project.Touch();
        }
    }

    // HLK API: playlist-class (TestSet): the tests a playlist file names.
    public class Playlist
    {
        private readonly PSObject file;
        internal Playlist(PSObject file) { this.file = file; }
        public ReadOnlyCollection<string> TestSet
        {
            get
            {
                // The practice lab knows how many tests a playlist names and which of them are this lab's.
                List<string> names = new List<string>();
                foreach (object n in S.Items(file, "includes")) names.Add(Convert.ToString(n, CultureInfo.InvariantCulture));
                int count = Convert.ToInt32(S.Get(file, "testCount"), CultureInfo.InvariantCulture);
                for (int i = names.Count; i < count; i++) names.Add("(a test for another kind of device) " + i.ToString(CultureInfo.InvariantCulture));
                return names.AsReadOnly();
            }
        }
        internal string Path { get { return S.Text(file, "path"); } }
        internal bool Names(string test)
        {
            foreach (object n in S.Items(file, "includes")) if (Convert.ToString(n, CultureInfo.InvariantCulture) == test) return true;
            return false;
        }
    }

    // HLK API: playlistmanager-class (constructor PlaylistManager(Project), IsPlaylistLoaded, UnloadPlaylist,
    // LoadPlaylist, GetTestsFromProjectThatMatchPlaylist, static DeserializePlaylist).
    public class PlaylistManager
    {
        private readonly Project project;
        public PlaylistManager(Project project) { this.project = project; }

        /// <summary>Older kits' object model has no such method: there it fails as .NET fails a call to a missing method.</summary>
        public bool IsPlaylistLoaded()
        {
            object older = S.Get(S.Studio, "olderKit");
            if (older != null && Convert.ToBoolean(older, CultureInfo.InvariantCulture))
            {
                throw new MissingMethodException("Method not found: 'Boolean Microsoft.Windows.Kits.Hardware.ObjectModel.PlaylistManager.IsPlaylistLoaded()'.");
            }
            return S.Text(project.Data, "playlist") != null;
        }

        public void UnloadPlaylist() { S.Set(project.Data, "playlist", null); project.Touch(); }

        /// <summary>Loads the playlist; answers with the tests it names that the project does not have.</summary>
        public ReadOnlyCollection<string> LoadPlaylist(string path)
        {
            Playlist playlist = DeserializePlaylist(path);
            S.Set(project.Data, "playlist", playlist.Path);
            project.Touch();
            List<string> notFound = new List<string>();
            int selected = GetTestsFromProjectThatMatchPlaylist(playlist).Count;
            ReadOnlyCollection<string> named = playlist.TestSet;
            for (int i = 0; i < named.Count - selected; i++) notFound.Add(named[named.Count - 1 - i]);
            return notFound.AsReadOnly();
        }

        public ReadOnlyCollection<Test> GetTestsFromProjectThatMatchPlaylist(Playlist playlist)
        {
            List<Test> list = new List<Test>();
            foreach (Test t in project.GetTests()) if (playlist.Names(t.Name)) list.Add(t);
            return list.AsReadOnly();
        }

        public static Playlist DeserializePlaylist(string path)
        {
            foreach (PSObject file in S.Objects(S.Studio, "playlists"))
            {
                if (S.Same(S.Text(file, "path"), path)) return new Playlist(file);
            }
            throw new System.IO.FileNotFoundException("Could not find file '" + path + "'.", path);
        }
    }

    // HLK API: projectmanager-class (GetRootMachinePool, GetProjectNames, GetProject, CreateProject,
    // GetFeatures), an abstract class that DatabaseProjectManager connects to a controller's database.
    public abstract class ProjectManager : IDisposable
    {
        public MachinePool GetRootMachinePool() { return new MachinePool(MachinePool.RootPath); }

        public ReadOnlyCollection<string> GetProjectNames()
        {
            List<string> names = new List<string>();
            foreach (PSObject p in S.Objects(S.Studio, "projects")) names.Add(S.Text(p, "name"));
            return names.AsReadOnly();
        }

        public Project GetProject(string name)
        {
            foreach (PSObject p in S.Objects(S.Studio, "projects")) if (S.Same(S.Text(p, "name"), name)) return new Project(p);
            throw new ArgumentException("Project " + name + " does not exist.");
        }

        public Project CreateProject(string name)
        {
            string now = S.Now();
            List<object> tests = new List<object>();
            foreach (object t in S.ItemsOf(S.KitTests))
            {
                PSObject kit = PSObject.AsPSObject(t);
                tests.Add(S.NewObject("id", S.Text(kit, "id"), "name", S.Text(kit, "name"), "multiMachine", S.Get(kit, "multiMachine"), "estimatedMs", S.Get(kit, "estimatedMs"), "runs", new object[0]));
            }
            PSObject project = S.NewObject("name", name, "createdAt", now, "modifiedAt", now, "pool", null, "platform", null,
                "targets", new object[0], "playlist", null, "tests", tests.ToArray());
            List<object> projects = S.Items(S.Studio, "projects");
            projects.Add(project);
            S.Set(S.Studio, "projects", projects.ToArray());
            return new Project(project);
        }

        public ReadOnlyCollection<Feature> GetFeatures()
        {
            List<Feature> list = new List<Feature>();
            foreach (object f in S.Items(S.Studio, "features")) list.Add(new Feature(Convert.ToString(f, CultureInfo.InvariantCulture)));
            return list.AsReadOnly();
        }

        /// <summary>The connection closes; what the scripts changed goes back to the practice lab.</summary>
        public void Dispose() { S.Save(); }
    }
}

namespace Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection
{
    // HLK API: databaseprojectmanager-class (constructor DatabaseProjectManager(controllerName,
    // databaseName)), in Microsoft.Windows.Kits.Hardware.ObjectModel.DBConnection.dll.
    public class DatabaseProjectManager : Microsoft.Windows.Kits.Hardware.ObjectModel.ProjectManager
    {
        public DatabaseProjectManager(string controllerName, string databaseName)
        {
            if (!HlkAssist.PracticeLab.HlkStandInState.Same(controllerName, HlkAssist.PracticeLab.HlkStandInState.Controller))
            {
                throw new InvalidOperationException("Cannot connect to the HLK database " + databaseName + " on " + controllerName + ".");
            }
        }
    }
}
